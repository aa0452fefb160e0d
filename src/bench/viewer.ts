export interface ViewerSide {
  firstRenderMs: number;
  frameP50: number;
  frameP95: number;
}
export interface ViewerRun {
  nodes: number;
  edges: number;
  ours: ViewerSide;
  bare: ViewerSide;
  frameRatio: number;
}
export interface ViewerFigures {
  unavailable?: string;
  note?: string;
  runs: ViewerRun[];
}
export async function measureViewer(_sizes: number[]): Promise<ViewerFigures> {
  return { unavailable: 'not written yet', runs: [] };
}
