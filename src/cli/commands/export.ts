import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { GraphFilterQuery } from '../../api/params';
import { loadConfig } from '../../config';
import { writeChunks, writeChunksToFile } from '../../interop/chunks';
import { bodyOf, EXPORT_FORMAT_IDS, EXPORT_FORMATS, type ExportFormatId } from '../../interop/export';
import { openStore } from '../../store/open';
import type { Command } from './types';

const OPTIONS = {
  format: { type: 'string', default: 'json' },
  out: { type: 'string', short: 'o' },
  types: { type: 'string' },
  'exclude-types': { type: 'string' },
  kinds: { type: 'string' },
  status: { type: 'string' },
  'as-of': { type: 'string' },
  'known-by': { type: 'string' },
} as const;

export const exportCommand: Command = {
  name: 'export',
  usage: `export [--format ${EXPORT_FORMAT_IDS.join('|')}] [--out PATH] [--types T,..] [--exclude-types T,..] [--kinds K,..] [--status S,..] [--as-of D] [--known-by D]`,
  summary: 'write the graph (or a filtered part) as JSON, GEXF, GraphML, neo4j-admin CSV or STIX 2.1',
  options: OPTIONS,
  async run(args) {
    const { values } = parseArgs({ args, options: OPTIONS });
    const format = values.format as ExportFormatId;
    if (!Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, format)) {
      console.error(`export: unknown format "${values.format}"; available: ${EXPORT_FORMAT_IDS.join(', ')}`);
      return 2;
    }
    let filters;
    try {
      filters = GraphFilterQuery.parse({
        types: values.types,
        excludeTypes: values['exclude-types'],
        kinds: values.kinds,
        status: values.status,
        asOf: values['as-of'],
        knownBy: values['known-by'],
      });
    } catch (e) {
      if (!(e instanceof ZodError)) throw e;
      const option = (p: string) => `--${p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      for (const issue of e.issues) console.error(`export: ${option(String(issue.path[0] ?? ''))}: ${issue.message}`);
      return 2;
    }
    const out = EXPORT_FORMATS[format];
    if (format === 'csv' && !values.out) {
      console.error('export: the csv format writes several files; pass --out DIR (a folder) or --out FILE.zip');
      return 2;
    }
    const wrongOut =
      values.out === undefined
        ? null
        : outProblem(
            values.out,
            format === 'csv' && !values.out.toLowerCase().endsWith('.zip') ? 'folder' : 'file',
            format === 'csv' ? 'zip' : format === 'stix' ? 'json' : format,
          );
    if (wrongOut) {
      console.error(`export: --out ${values.out}: ${wrongOut}`);
      return 2;
    }

    const store = await openStore(loadConfig());
    try {
      const graph = await store.graph(filters);
      const rendered = out.render(graph);
      if (rendered.kind !== 'files') {
        if (values.out) {
          writeChunksToFile(values.out, bodyOf(rendered));
          console.error(
            `export: wrote ${graph.nodes.length} entities and ${graph.edges.length} relations as ${format} to ${values.out}`,
          );
        } else await writeChunks(bodyOf(rendered), process.stdout);
      } else if (values.out!.toLowerCase().endsWith('.zip')) {
        writeChunksToFile(values.out!, bodyOf(rendered));
        console.error(
          `export: wrote ${rendered.files.map((f) => f.name).join(', ')} (${graph.nodes.length} entities, ${graph.edges.length} relations) into ${values.out}`,
        );
      } else {
        mkdirSync(values.out!, { recursive: true });
        for (const f of rendered.files) writeChunksToFile(path.join(values.out!, f.name), f.chunks);
        console.error(
          `export: wrote ${rendered.files.map((f) => f.name).join(', ')} (${graph.nodes.length} entities, ${graph.edges.length} relations) into ${values.out}/`,
        );
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!code || !values.out) throw e;
      // The file system's refusal, said plainly (the temporary name is ours, not the user's).
      console.error(`export: cannot write ${values.out}: ${FS_ERRORS[code] ?? code}; nothing was written there`);
      return 1;
    } finally {
      await store.close();
    }
    return 0;
  },
};

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
  if (writes === 'file') {
    if (stat?.isDirectory()) return `is a folder; give a file name, such as ${path.join(out, `graph.${extension}`)}`;
    const parent = statSync(path.dirname(path.resolve(out)), { throwIfNoEntry: false });
    if (!parent) return `the folder ${path.dirname(path.resolve(out))} does not exist`;
    if (!parent.isDirectory()) return `${path.dirname(path.resolve(out))} is a file, not a folder`;
    return null;
  }
  if (stat && !stat.isDirectory())
    return 'is a file; the csv format writes a folder of files: give a folder, or a name ending in .zip';
  return null;
}
