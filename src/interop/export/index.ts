import type { GraphJson } from '../../model';
import { zipChunks } from '../zip';
import { exportGexfChunks } from './gexf';
import { exportGraphmlChunks } from './graphml';
import { exportNeo4jCsv, type ExportFile } from './neo4j-csv';
import { exportStixChunks } from './stix';

/**
 * Every export format, each a pure function of the serialised graph. A format produces one
 * document as a sequence of buffers made while it is read (GEXF, GraphML and STIX outgrow what is
 * sensible, or possible, to hold as one string), or a set of complete files (a folder / a zip).
 */
export type ExportOutput =
  /** Made as they are read, once: write each where it goes and let it go. */
  { kind: 'chunks'; chunks: Iterable<Buffer> } | { kind: 'files'; files: ExportFile[] };

export interface ExportFormat {
  id: string;
  description: string;
  /** Media type and file name of the single HTTP response (a zip for multi-file formats). */
  mediaType: string;
  fileName: string;
  render(json: GraphJson): ExportOutput;
}

export const EXPORT_FORMATS = {
  json: {
    id: 'json',
    description: "graphology's serialisation (Graph.from reads it)",
    mediaType: 'application/json',
    fileName: 'ct-actor-graph.json',
    render: (g) => ({ kind: 'chunks', chunks: [Buffer.from(`${JSON.stringify(g)}\n`, 'utf8')] }),
  },
  gexf: {
    id: 'gexf',
    description: 'GEXF 1.3 for Gephi (colours, labels, typed attributes)',
    mediaType: 'application/gexf+xml',
    fileName: 'ct-actor-graph.gexf',
    render: (g) => ({ kind: 'chunks', chunks: exportGexfChunks(g) }),
  },
  graphml: {
    id: 'graphml',
    description: 'GraphML for Gephi, yEd, NetworkX',
    mediaType: 'application/graphml+xml',
    fileName: 'ct-actor-graph.graphml',
    render: (g) => ({ kind: 'chunks', chunks: exportGraphmlChunks(g) }),
  },
  csv: {
    id: 'csv',
    description: 'neo4j-admin import CSV files (a folder, or a zip over HTTP)',
    mediaType: 'application/zip',
    fileName: 'ct-actor-graph-neo4j-csv.zip',
    render: (g) => ({ kind: 'files', files: exportNeo4jCsv(g) }),
  },
  stix: {
    id: 'stix',
    description: 'a STIX 2.1 bundle (OpenCTI, MISP)',
    mediaType: 'application/stix+json;version=2.1',
    fileName: 'ct-actor-graph.stix.json',
    render: (g) => ({ kind: 'chunks', chunks: exportStixChunks(g) }),
  },
} as const satisfies Record<string, ExportFormat>;

export type ExportFormatId = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_IDS = Object.keys(EXPORT_FORMATS) as [ExportFormatId, ...ExportFormatId[]];

/** The export as one HTTP body, made while it is read: the document's chunks, or the files zipped. */
export function exportBody(format: ExportFormatId, json: GraphJson): Iterable<Buffer> {
  return bodyOf(EXPORT_FORMATS[format].render(json));
}

export function bodyOf(out: ExportOutput): Iterable<Buffer> {
  if (out.kind === 'chunks') return out.chunks;
  return zipChunks(out.files.map((f) => ({ name: f.name, content: f.chunks })));
}
