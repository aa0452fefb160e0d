import { describe, expect, it } from 'vitest';
import { renderMarkdown, targets, type BenchResults } from '../../src/bench/report';
import type { ViewerRun } from '../../src/bench/viewer';
import { emptyBenchResults } from '../support/bench-results';

/** A run where the 20k-node viewer page timed out after its first renders: the rest still reports. */
function results(): BenchResults {
  const side = (firstRenderMs: number, frameP50: number) => ({ firstRenderMs, setupMs: firstRenderMs / 10, frameP50, frameP95: frameP50 * 2, frameSamples: 60 });
  const run1k: ViewerRun = { nodes: 1000, edges: 4985, ours: side(1100, 400), bare: side(1200, 380), frameRatio: 400 / 380, frameRatioPaired: 1.01, firstRenderRatio: 1100 / 1200 };
  return emptyBenchResults({
    viewer: {
      note: 'note',
      runs: [run1k],
      missed: [{ nodes: 20000, reason: 'timed out after 600 s (ours-first; ours: first render 18.0 s, 2 frames; bare: first render not finished)', oursFirstRenderMs: 18000 }],
    },
  });
}

describe('benchmark report: viewer sizes that time out', () => {
  it('keeps the sizes that ran and says which size timed out and after how long', () => {
    const md = renderMarkdown(results());
    expect(md).toContain('| 1000 | 4985 | 1100 (110) | 1200 (120) | 0.92 |');
    expect(md).toContain('Not measured: 20000 nodes: timed out after 600 s (ours-first; ours: first render 18.0 s');
  });

  it('judges the 20k first-render target on the first renders measured before the timeout', () => {
    const first = targets(results()).find((t) => t.name.startsWith('viewer first render'))!;
    expect(first.met).toBe(false);
    expect(first.measured).toMatch(/^18000 ms, then timed out after 600 s/);
    const frames = targets(results()).find((t) => t.name === 'viewer frame time vs bare sigma')!;
    expect(frames.measured).toBe('worst 1.05x');
    expect(frames.met).toBe(true);
  });

  it('leaves the 20k target unjudged when no first render finished', () => {
    const r = results();
    r.viewer!.missed = [{ nodes: 20000, reason: 'timed out after 600 s (ours-first; before either side started)' }];
    const first = targets(r).find((t) => t.name.startsWith('viewer first render'))!;
    expect(first.met).toBeNull();
    expect(first.measured).toContain('timed out after 600 s');
  });
});
