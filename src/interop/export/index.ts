import type { GraphJson } from '../../model';
import { zipChunks } from '../zip';
import { exportGexfChunks } from './gexf';
import { exportGraphmlChunks } from './graphml';
import { exportNeo4jCsv, type ExportFile } from './neo4j-csv';
import { exportStixChunks } from './stix';

/** An export: a document's buffers made while read (GEXF, GraphML and STIX outgrow a string), or complete files. */
type ExportOutput = { kind: 'chunks'; chunks: Iterable<Buffer> } | { kind: 'files'; files: ExportFile[] };
type Render = (g: GraphJson) => ExportOutput;

/** Media type and file name of the single HTTP response (a zip for multi-file formats). */
const format = (mediaType: string, fileName: string, render: Render) => ({ mediaType, fileName, render });
const document = (chunks: (g: GraphJson) => Iterable<Buffer>) => (g: GraphJson) =>
  ({ kind: 'chunks', chunks: chunks(g) }) as const;

/** graphology's serialisation (Graph.from reads it). */
const graphologyJson = (g: GraphJson) => [Buffer.from(`${JSON.stringify(g)}\n`)];

export const EXPORT_FORMATS = {
  json: format('application/json', 'ct-actor-graph.json', document(graphologyJson)),
  gexf: format('application/gexf+xml', 'ct-actor-graph.gexf', document(exportGexfChunks)),
  graphml: format('application/graphml+xml', 'ct-actor-graph.graphml', document(exportGraphmlChunks)),
  /** neo4j-admin import files: a folder, or a zip over HTTP. */
  csv: format('application/zip', 'ct-actor-graph-neo4j-csv.zip', (g) => ({ kind: 'files', files: exportNeo4jCsv(g) })),
  stix: format('application/stix+json;version=2.1', 'ct-actor-graph.stix.json', document(exportStixChunks)),
};

export type ExportFormatId = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_IDS = Object.keys(EXPORT_FORMATS) as [ExportFormatId, ...ExportFormatId[]];

/** The export as one HTTP body, made while it is read: the document's chunks, or the files zipped. */
export function exportBody(format: ExportFormatId, json: GraphJson): Iterable<Buffer> {
  return bodyOf(EXPORT_FORMATS[format].render(json));
}

export function bodyOf(out: ExportOutput): Iterable<Buffer> {
  return out.kind === 'chunks' ? out.chunks : zipChunks(out.files);
}
