import type { GraphJson } from '../../model';
import { zipChunks } from '../zip';
import { exportGexfChunks } from './gexf';
import { exportGraphmlChunks } from './graphml';
import { exportNeo4jCsv, type ExportFile } from './neo4j-csv';
import { exportStixChunks } from './stix';

/**
 * Every export format, each a pure function of the serialised graph. A format produces one
 * document as a sequence of buffers made while it is read, once (GEXF, GraphML and STIX outgrow
 * what is sensible, or possible, to hold as one string), or a set of complete files (a folder / a zip).
 */
export type ExportOutput = { kind: 'chunks'; chunks: Iterable<Buffer> } | { kind: 'files'; files: ExportFile[] };

export interface ExportFormat {
  /** Media type and file name of the single HTTP response (a zip for multi-file formats). */
  mediaType: string;
  fileName: string;
  render(json: GraphJson): ExportOutput;
}

const document = (mediaType: string, fileName: string, chunks: (g: GraphJson) => Iterable<Buffer>): ExportFormat => ({
  mediaType,
  fileName,
  render: (g) => ({ kind: 'chunks', chunks: chunks(g) }),
});

export const EXPORT_FORMATS = {
  /** graphology's serialisation (Graph.from reads it). */
  json: document('application/json', 'ct-actor-graph.json', (g) => [Buffer.from(`${JSON.stringify(g)}\n`, 'utf8')]),
  /** GEXF 1.3 for Gephi (colours, labels, typed attributes). */
  gexf: document('application/gexf+xml', 'ct-actor-graph.gexf', exportGexfChunks),
  /** GraphML for Gephi, yEd, NetworkX. */
  graphml: document('application/graphml+xml', 'ct-actor-graph.graphml', exportGraphmlChunks),
  /** neo4j-admin import CSV files (a folder, or a zip over HTTP). */
  csv: {
    mediaType: 'application/zip',
    fileName: 'ct-actor-graph-neo4j-csv.zip',
    render: (g) => ({ kind: 'files', files: exportNeo4jCsv(g) }),
  },
  /** A STIX 2.1 bundle (OpenCTI, MISP). */
  stix: document('application/stix+json;version=2.1', 'ct-actor-graph.stix.json', exportStixChunks),
} satisfies Record<string, ExportFormat>;

export type ExportFormatId = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_IDS = Object.keys(EXPORT_FORMATS) as [ExportFormatId, ...ExportFormatId[]];

/** The export as one HTTP body, made while it is read: the document's chunks, or the files zipped. */
export function exportBody(format: ExportFormatId, json: GraphJson): Iterable<Buffer> {
  return bodyOf(EXPORT_FORMATS[format].render(json));
}

export function bodyOf(out: ExportOutput): Iterable<Buffer> {
  return out.kind === 'chunks' ? out.chunks : zipChunks(out.files);
}
