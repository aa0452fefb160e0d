import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GraphFilterQuery } from '../../api/params';
import { loadConfig } from '../../config';
import { writeChunks, writeChunksToFile } from '../../interop/chunks';
import { bodyOf, EXPORT_FORMAT_IDS, EXPORT_FORMATS, type ExportFormatId } from '../../interop/export';
import { openStore } from '../../store/open';
import { command, failWith } from './types';

/** The API's graph filters, as options: `excludeTypes` is `--exclude-types`. */
const FILTERS = Object.keys(GraphFilterQuery.shape);
const optionName = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const exportCommand = command({
  name: 'export',
  usage: `export [--format ${EXPORT_FORMAT_IDS.join('|')}] [--out PATH] [--types T,..] [--exclude-types T,..] [--kinds K,..] [--status S,..] [--as-of D] [--known-by D]`,
  summary: 'write the graph (or a filtered part) as JSON, GEXF, GraphML, neo4j-admin CSV or STIX 2.1',
  options: {
    format: { type: 'string', default: 'json' },
    out: { type: 'string', short: 'o' },
    ...Object.fromEntries(FILTERS.map((key) => [optionName(key), { type: 'string' } as const])),
  },
  async run({ values }) {
    const { format, out } = values as { format: ExportFormatId; out?: string };
    if (!Object.hasOwn(EXPORT_FORMATS, format))
      return failWith(2, `export: unknown format "${format}"; available: ${EXPORT_FORMAT_IDS.join(', ')}`);
    const filters = GraphFilterQuery.safeParse(
      Object.fromEntries(FILTERS.map((key) => [key, (values as Record<string, unknown>)[optionName(key)]])),
    );
    if (!filters.success) {
      for (const issue of filters.error.issues)
        console.error(`export: --${optionName(String(issue.path[0] ?? ''))}: ${issue.message}`);
      return 2;
    }
    const csv = format === 'csv';
    const zip = out?.toLowerCase().endsWith('.zip') ?? false;
    if (csv && !out)
      return failWith(2, 'export: the csv format writes several files; pass --out DIR (a folder) or --out FILE.zip');
    const extension = csv ? 'zip' : format === 'stix' ? 'json' : format;
    const wrongOut = out === undefined ? null : outProblem(out, csv && !zip ? 'folder' : 'file', extension);
    if (wrongOut) return failWith(2, `export: --out ${out}: ${wrongOut}`);
    const store = await openStore(loadConfig());
    try {
      const graph = await store.graph(filters.data);
      const rendered = EXPORT_FORMATS[format].render(graph);
      if (!out) await writeChunks(bodyOf(rendered), process.stdout);
      else if (rendered.kind === 'files' && !zip) {
        mkdirSync(out, { recursive: true });
        for (const f of rendered.files) writeChunksToFile(path.join(out, f.name), f.chunks);
      } else writeChunksToFile(out, bodyOf(rendered));
      const [entities, relations] = [`${graph.nodes.length} entities`, `${graph.edges.length} relations`];
      if (out && rendered.kind === 'files') {
        const names = rendered.files.map((f) => f.name).join(', ');
        console.error(`export: wrote ${names} (${entities}, ${relations}) into ${out}${zip ? '' : '/'}`);
      } else if (out) console.error(`export: wrote ${entities} and ${relations} as ${format} to ${out}`);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!code || !out) throw e;
      // The file system's refusal, said plainly (the temporary name is ours, not the user's).
      console.error(`export: cannot write ${out}: ${FS_ERRORS[code] ?? code}; nothing was written there`);
      return 1;
    } finally {
      await store.close();
    }
    return 0;
  },
});

const FS_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'its folder does not exist',
};

/** Why --out cannot take what the format writes (a file, or a folder of files), or null. */
function outProblem(out: string, writes: 'file' | 'folder', extension: string): string | null {
  const stat = statSync(out, { throwIfNoEntry: false });
  if (writes === 'folder')
    return stat && !stat.isDirectory()
      ? 'is a file; the csv format writes a folder of files: give a folder, or a name ending in .zip'
      : null;
  if (stat?.isDirectory()) return `is a folder; give a file name, such as ${path.join(out, `graph.${extension}`)}`;
  const folder = path.dirname(path.resolve(out));
  const parent = statSync(folder, { throwIfNoEntry: false });
  if (!parent) return `the folder ${folder} does not exist`;
  return parent.isDirectory() ? null : `${folder} is a file, not a folder`;
}
