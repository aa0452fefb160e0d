import type { GraphJson } from '../../store/port';
import { zipStore } from '../zip';
import { exportGexf } from './gexf';
import { exportGraphml } from './graphml';
import { exportJson } from './json';
import { exportNeo4jCsv, type ExportFile } from './neo4j-csv';
import { exportStixBytes } from './stix';

/**
 * Every export format, each a pure function of the serialised graph. A format produces either one
 * text (stdout / a single HTTP response; as bytes when it can outgrow the longest string V8 makes)
 * or a set of files (a folder / a zip).
 */
export type ExportOutput = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Buffer } | { kind: 'files'; files: ExportFile[] };

export interface ExportFormat {
  id: string;
  description: string;
  /** Media type and file name of the single HTTP response (a zip for multi-file formats). */
  mediaType: string;
  fileName: string;
  render(json: GraphJson): ExportOutput;
}

export const EXPORT_FORMATS = {
  json: { id: 'json', description: "graphology's serialisation (Graph.from reads it)", mediaType: 'application/json', fileName: 'ct-actor-graph.json', render: (g) => ({ kind: 'text', text: exportJson(g) }) },
  gexf: { id: 'gexf', description: 'GEXF 1.3 for Gephi (colours, labels, typed attributes)', mediaType: 'application/gexf+xml', fileName: 'ct-actor-graph.gexf', render: (g) => ({ kind: 'text', text: exportGexf(g) }) },
  graphml: { id: 'graphml', description: 'GraphML for Gephi, yEd, NetworkX', mediaType: 'application/graphml+xml', fileName: 'ct-actor-graph.graphml', render: (g) => ({ kind: 'text', text: exportGraphml(g) }) },
  csv: { id: 'csv', description: 'neo4j-admin import CSV files (a folder, or a zip over HTTP)', mediaType: 'application/zip', fileName: 'ct-actor-graph-neo4j-csv.zip', render: (g) => ({ kind: 'files', files: exportNeo4jCsv(g) }) },
  stix: { id: 'stix', description: 'a STIX 2.1 bundle (OpenCTI, MISP)', mediaType: 'application/stix+json;version=2.1', fileName: 'ct-actor-graph.stix.json', render: (g) => ({ kind: 'bytes', bytes: exportStixBytes(g) }) },
} as const satisfies Record<string, ExportFormat>;

export type ExportFormatId = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_IDS = Object.keys(EXPORT_FORMATS) as [ExportFormatId, ...ExportFormatId[]];

/** The whole export as one HTTP body: the text, or the files zipped. */
export function exportBody(format: ExportFormatId, json: GraphJson): Buffer {
  const out = EXPORT_FORMATS[format].render(json);
  return out.kind === 'text' ? Buffer.from(out.text, 'utf8') : out.kind === 'bytes' ? out.bytes : zipStore(out.files);
}
