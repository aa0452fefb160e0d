import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../src/model/entity-kinds';
import { RELATION_TYPES } from '../../src/model/relation-types';
import type { EntityAttributes, RelationAttributes } from '../../viewer/src/api/types';
import { emptyDataGraph, type DataGraph } from '../../viewer/src/graph/data-graph';
import { emptyDisplayGraph, shortLabel, LABEL_MAX } from '../../viewer/src/graph/display-graph';
import { foldView } from '../../viewer/src/graph/fold';
import { readableLayout } from '../../viewer/src/layout/readable-layout';
import { placeLabels, type Circle, type LabelCandidate } from '../../viewer/src/renderer/label-placement';

/** The pure parts of issue 19: label placement, folding, the layout's guarantees, the palettes. */

describe('label placement', () => {
  const area = { width: 400, height: 300 };
  const node = (id: string, x: number, y: number, radius = 8): Circle => ({ node: id, x, y, radius });
  const cand = (c: Circle, width = 80, forced = false): LabelCandidate => ({ ...c, width, forced });
  const meet = (a: { left: number; right: number; top: number; bottom: number }, b: typeof a) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  it('puts a label right of its node when there is room', () => {
    const a = node('a', 100, 100);
    const [label] = placeLabels([cand(a)], [a], area, 17);
    expect(label).toMatchObject({ node: 'a', side: 'right' });
  });

  it('moves a label to another side rather than onto a neighbour, and drops it when nothing is free', () => {
    const a = node('a', 100, 100);
    const b = node('b', 140, 100); // right of a, where a's label would go
    const placed = placeLabels([cand(a), cand(b)], [a, b], area, 17);
    expect(placed.map((l) => l.node)).toEqual(['a', 'b']);
    expect(placed[0]!.side).not.toBe('right');
    expect(meet(placed[0]!, placed[1]!)).toBe(false);
    // Boxed in on every side: no label at all.
    const ring = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
      node(`r${i}`, 200 + 22 * Math.cos((i * Math.PI) / 4), 150 + 22 * Math.sin((i * Math.PI) / 4), 10),
    );
    const centre = node('c', 200, 150, 4);
    expect(placeLabels([cand(centre)], [centre, ...ring], area, 17)).toEqual([]);
  });

  it('always places a forced label, off every node, with a leader line when it must go further out', () => {
    const ring = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
      node(`r${i}`, 200 + 22 * Math.cos((i * Math.PI) / 4), 150 + 22 * Math.sin((i * Math.PI) / 4), 10),
    );
    const centre = node('c', 200, 150, 4);
    const [label] = placeLabels([cand(centre, 80, true)], [centre, ...ring], area, 17);
    expect(label).toMatchObject({ node: 'c', leader: true });
    for (const r of ring) {
      const dx = r.x - Math.max(label!.left, Math.min(r.x, label!.right));
      const dy = r.y - Math.max(label!.top, Math.min(r.y, label!.bottom));
      expect(dx * dx + dy * dy).toBeGreaterThanOrEqual(r.radius * r.radius);
    }
  });

  it('keeps labels inside the area', () => {
    const edge = node('e', 390, 150);
    const [label] = placeLabels([cand(edge)], [edge], area, 17);
    expect(label!.side).toBe('left');
    expect(label!.right).toBeLessThanOrEqual(area.width);
  });
});

describe('short labels', () => {
  it('keeps short names and cuts long ones at a word, with an ellipsis', () => {
    expect(shortLabel('Pakistan')).toBe('Pakistan');
    const long = 'Tehreek-e-Taliban Pakistan Jamaat-ul-Ahrar faction';
    expect(shortLabel(long).length).toBeLessThanOrEqual(LABEL_MAX);
    expect(shortLabel(long)).toMatch(/…$/);
    expect(long.startsWith(shortLabel(long).slice(0, -1))).toBe(true);
  });
});

function entity(name: string, kind = 'MilitantGroup'): EntityAttributes {
  return { name, kind, aliases: [] } as unknown as EntityAttributes;
}
function claim(type: string, status: RelationAttributes['status'] = 'reported', cites = 1): RelationAttributes {
  return {
    type,
    status,
    assertedBy: [],
    evidence: Array.from({ length: cites }, (_, i) => ({ source: 's', paragraph: i + 1 })),
  } as unknown as RelationAttributes;
}

/** A hub with `n` spokes, each spoke with two leaves: 1 + 3n entities. */
function star(n: number): DataGraph {
  const g = emptyDataGraph();
  g.addNode('hub', entity('Hub'));
  for (let i = 0; i < n; i++) {
    g.addNode(`s${i}`, entity(`Spoke ${i}`));
    g.addDirectedEdgeWithKey(`hub-s${i}`, 'hub', `s${i}`, claim('supports', i % 3 === 0 ? 'alleged' : 'reported', i));
    for (const leaf of ['a', 'b']) {
      g.addNode(`s${i}${leaf}`, entity(`Leaf ${i}${leaf}`, 'Place'));
      g.addDirectedEdgeWithKey(`s${i}-${leaf}`, `s${i}`, `s${i}${leaf}`, claim('located-in'));
    }
  }
  return g;
}

describe('folding a busy view', () => {
  it('draws a small view whole', () => {
    const g = star(5);
    const fold = foldView(g, { pinned: new Set(['hub']), centres: ['hub'], open: new Set() });
    expect(fold.kept.size).toBe(g.order);
    expect(fold.groups).toEqual([]);
  });

  it('keeps the nearest and most cited within the budget and folds the rest per anchor and type', () => {
    const g = star(30); // 91 entities
    const fold = foldView(g, { pinned: new Set(['hub']), centres: ['hub'], open: new Set(), budget: 40 });
    expect(fold.kept.size + fold.groups.length).toBeLessThanOrEqual(40);
    expect(fold.kept.has('hub')).toBe(true);
    // Spokes (one hop) before leaves (two hops); every folded entity is in exactly one group.
    const keptSpokes = [...fold.kept].filter((n) => /^s\d+$/.test(n)).length;
    const keptLeaves = [...fold.kept].filter((n) => /^s\d+[ab]$/.test(n)).length;
    expect(keptSpokes === 30 || keptLeaves === 0).toBe(true);
    const members = fold.groups.flatMap((gr) => gr.members);
    expect(new Set(members).size).toBe(members.length);
    expect(members.length + fold.kept.size).toBe(g.order);
    for (const gr of fold.groups) {
      expect(fold.kept.has(gr.anchor)).toBe(true);
      expect(gr.members.length).toBeGreaterThan(1);
    }
    // The same data folds the same way.
    expect(foldView(g, { pinned: new Set(['hub']), centres: ['hub'], open: new Set(), budget: 40 })).toEqual(fold);
  });

  it('draws the members of an opened group', () => {
    const g = star(30);
    const base = foldView(g, { pinned: new Set(['hub']), centres: ['hub'], open: new Set(), budget: 40 });
    const group = base.groups[0]!;
    const opened = foldView(g, { pinned: new Set(['hub']), centres: ['hub'], open: new Set([group.key]), budget: 40 });
    for (const m of group.members) expect(opened.kept.has(m)).toBe(true);
    expect(opened.groups.map((gr) => gr.key)).not.toContain(group.key);
  });
});

describe('the readable layout', () => {
  it('separates every pair of nodes, stays in the area, and is the same every time', () => {
    const run = () => {
      const d = emptyDisplayGraph();
      const g = star(15);
      g.forEachNode((n, a) =>
        d.addNode(n, {
          x: Math.cos(n.length * 7 + n.charCodeAt(n.length - 1)),
          y: Math.sin(n.length * 3 + n.charCodeAt(0) * n.charCodeAt(n.length - 1)),
          size: n === 'hub' ? 18 : 6,
          color: '#000000',
          label: a.name,
          kind: a.kind,
          zIndex: 0,
          ...(n === 'hub' ? { focus: true } : {}),
        }),
      );
      g.forEachEdge((e, _a, s, t) =>
        d.addDirectedEdgeWithKey(e, s, t, {
          relation: 'supports',
          status: 'reported',
          color: '#000000',
          size: 2,
          program: 'arrow',
        }),
      );
      readableLayout(d, { width: 800, height: 600 });
      return d;
    };
    const d = run();
    const nodes = d.mapNodes((n, a) => ({ n, ...a }));
    for (let i = 0; i < nodes.length; i++) {
      const a = nodes[i]!;
      expect(a.x - a.size).toBeGreaterThanOrEqual(0);
      expect(a.x + a.size).toBeLessThanOrEqual(800);
      expect(a.y - a.size).toBeGreaterThanOrEqual(0);
      expect(a.y + a.size).toBeLessThanOrEqual(600);
      for (let j = i + 1; j < nodes.length; j++) {
        const b = nodes[j]!;
        expect(Math.hypot(a.x - b.x, a.y - b.y), `${a.n} / ${b.n}`).toBeGreaterThanOrEqual(a.size + b.size);
      }
    }
    expect(run().export()).toEqual(d.export());
  });
});

/** CIELAB distance between two colours as seen with normal vision and with the two red-green deficiencies. */
function visibleDistance(a: string, b: string): number {
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const gamma = (c: number) => 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
  const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  // Machado, Oliveira and Fernandes (2009), severity 1.
  const sims: number[][][] = [
    [
      [0.367322, 0.860646, -0.227968],
      [0.280085, 0.672501, 0.047413],
      [-0.01182, 0.04294, 0.968881],
    ],
    [
      [0.152286, 1.052583, -0.204868],
      [0.114503, 0.786281, 0.099216],
      [-0.003882, -0.048116, 1.051998],
    ],
  ];
  const simulate = (c: number[], m: number[][]) => {
    const l = c.map((v) => lin(v / 255));
    return m.map((r) => gamma(Math.min(1, Math.max(0, r[0]! * l[0]! + r[1]! * l[1]! + r[2]! * l[2]!))));
  };
  const lab = (c: number[]) => {
    const [r, g, b] = c.map((v) => lin(v / 255)) as [number, number, number];
    const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
    const [x, y, z] = [
      (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
      0.2126 * r + 0.7152 * g + 0.0722 * b,
      (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    ];
    return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
  };
  const dist = (p: number[], q: number[]) => Math.hypot(...lab(p).map((v, i) => v - lab(q)[i]!));
  const [p, q] = [rgb(a), rgb(b)];
  return Math.min(dist(p, q), ...sims.map((m) => dist(simulate(p, m), simulate(q, m))));
}

describe('colours with meaning', () => {
  it('gives every pair of entity kinds colours apart in normal, deuteranope and protanope vision', () => {
    const kinds = Object.entries(ENTITY_KINDS);
    for (let i = 0; i < kinds.length; i++)
      for (let j = i + 1; j < kinds.length; j++)
        expect(
          visibleDistance(kinds[i]![1].color, kinds[j]![1].color),
          `${kinds[i]![0]} / ${kinds[j]![0]}`,
        ).toBeGreaterThan(18);
  });

  it('colours relation types by layer: cooperative green or blue, hostile red, structural grey', () => {
    for (const [type, info] of Object.entries(RELATION_TYPES)) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(info.color.slice(i, i + 2), 16)) as [number, number, number];
      if (info.layer === 'structural') expect(Math.max(r, g, b) - Math.min(r, g, b), type).toBeLessThan(8);
      else if (info.layer === 'cooperative') expect(Math.max(g, b), type).toBeGreaterThan(r);
      else expect(r, type).toBeGreaterThan(Math.max(g, b));
    }
  });
});
