import { describe, expect, it } from 'vitest';
import { validOn } from '../../src/model';
import { emptyEmphasis, makeEdgeReducer, makeNodeReducer } from '../../viewer/src/appearance/reducers';
import { DIMMED_EDGE, DIMMED_NODE } from '../../viewer/src/appearance/palette';
import { emptyDisplayGraph } from '../../viewer/src/graph/display-graph';
import { decodeViewState, encodeViewState } from '../../viewer/src/url-state/url-codec';
import { emptyDataGraph } from '../../viewer/src/graph/data-graph';
import type { EntityAttributes, RelationAttributes, SchemaResponse } from '../../viewer/src/api/types';
import { heldInRange } from '../../viewer/src/timeline/brush-filter';
import { elide, packRows } from '../../viewer/src/timeline/lanes';
import {
  dayNumber,
  formatRange,
  heldDuring,
  monthOf,
  parseRange,
  periodOf,
  rangePeriod,
} from '../../viewer/src/timeline/periods';
import { chooseTicks, MIN_TICK_GAP } from '../../viewer/src/timeline/ticks';
import { spanOf, timelineModel } from '../../viewer/src/timeline/timeline-model';

const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return dayNumber(y!, m!, d!);
};

describe('timeline: a partial date is the period it covers', () => {
  it('reads a year, a month and a day', () => {
    expect(periodOf('2014')).toEqual({ first: day('2014-01-01'), last: day('2014-12-31') });
    expect(periodOf('2024-02')).toEqual({ first: day('2024-02-01'), last: day('2024-02-29') });
    expect(periodOf('2023-02')).toEqual({ first: day('2023-02-01'), last: day('2023-02-28') });
    expect(periodOf('2024-06-22')).toEqual({ first: day('2024-06-22'), last: day('2024-06-22') });
  });

  it('refuses what is not a date, naming it', () => {
    expect(() => periodOf('2024-13')).toThrow(/"2024-13" is not a date/);
    expect(() => periodOf('June 2024')).toThrow(/"June 2024"/);
  });

  it('draws an event dated by a month across that month, and an open relation to the edge', () => {
    expect(spanOf('2014-06', undefined, true)).toEqual(periodOf('2014-06'));
    expect(spanOf('2014', undefined, false)).toEqual({ first: day('2014-01-01'), last: null });
    expect(spanOf(undefined, '2018', false)).toEqual({ first: null, last: day('2018-12-31') });
    expect(spanOf('2013', '2018', false)).toEqual({ first: day('2013-01-01'), last: day('2018-12-31') });
    expect(spanOf(undefined, undefined, false)).toBeUndefined();
  });
});

describe('timeline: what held during a range (the As of rule over a range)', () => {
  const cases: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ['2014', undefined],
    ['2014-06', undefined],
    ['2014-06-15', '2014-06-20'],
    [undefined, '2013'],
    ['2013', '2018'],
    ['2019', '2020-03'],
    ['2024-06-22', undefined],
  ];
  const dates = [
    '2012',
    '2013-12-31',
    '2014-01',
    '2014-06-16',
    '2014-06-21',
    '2018-12',
    '2019-01-01',
    '2024-06',
    '2025',
  ];

  it("agrees with the server's As of (validOn) when the range is one date", () => {
    for (const [since, until] of cases)
      for (const d of dates)
        expect([since, until, d, heldDuring(periodOf(d), since, until)]).toEqual([
          since,
          until,
          d,
          validOn(d, since, until),
        ]);
  });

  it('keeps what overlaps the range anywhere, and drops what ended before or began after it', () => {
    const r = rangePeriod({ from: '2015-03', to: '2016-11' });
    expect(heldDuring(r, '2013', '2015')).toBe(true); // ends inside
    expect(heldDuring(r, '2016-11', undefined)).toBe(true); // begins in the last month
    expect(heldDuring(r, '2010', '2020')).toBe(true); // covers it
    expect(heldDuring(r, '2013', '2015-02')).toBe(false); // ended the month before
    expect(heldDuring(r, '2016-12', undefined)).toBe(false); // began the month after
  });

  it('spells a range in the URL and reads back only ranges in order', () => {
    expect(formatRange({ from: '2014-03', to: '2016-11' })).toBe('2014-03..2016-11');
    expect(parseRange('2014-03..2016-11')).toEqual({ from: '2014-03', to: '2016-11' });
    expect(parseRange('2014..2014')).toEqual({ from: '2014', to: '2014' });
    expect(parseRange('2016..2014')).toBeUndefined();
    expect(parseRange('2014-13..2016')).toBeUndefined();
    expect(parseRange('2014')).toBeUndefined();
    expect(parseRange(null)).toBeUndefined();
    expect(monthOf(day('2016-11-30'))).toBe('2016-11');
  });
});

describe('timeline: brushing filters the data', () => {
  const entity = (kind: string, since?: string): EntityAttributes =>
    ({
      kind,
      name: kind,
      aliases: [],
      demonyms: [],
      description: '',
      facts: [],
      mentions: [],
      ...(since ? { since } : {}),
    }) as EntityAttributes;
  const rel = (since?: string, until?: string): RelationAttributes =>
    ({
      type: 'targets',
      status: 'reported',
      assertedBy: [],
      evidence: [],
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
    }) as RelationAttributes;

  function world() {
    const g = emptyDataGraph();
    g.addNode('focus', entity('MilitantGroup'));
    g.addNode('old-op', entity('Operation', '2009'));
    g.addNode('new-op', entity('Operation', '2024-06'));
    g.addNode('state', entity('State'));
    g.addNode('far', entity('Place'));
    g.addDirectedEdgeWithKey('focus->old-op', 'focus', 'old-op', rel('2009', '2010'));
    g.addDirectedEdgeWithKey('focus->new-op', 'focus', 'new-op', rel('2024-06'));
    g.addDirectedEdgeWithKey('focus->state', 'focus', 'state', rel('2008', '2012'));
    g.addDirectedEdgeWithKey('state->far', 'state', 'far', rel());
    return g;
  }

  it('keeps what held in the range and what is still reachable from the focus through it', () => {
    const kept = heldInRange(world(), { from: '2011', to: '2012' }, ['focus']);
    expect(kept.nodes().sort()).toEqual(['far', 'focus', 'state']);
    expect(kept.edges().sort()).toEqual(['focus->state', 'state->far']);
    // old-op began by then (As of reads an entity's start) but its only tie had ended: not reachable.
  });

  it('drops entities only reachable through ties that did not hold, and keeps the focus always', () => {
    const kept = heldInRange(world(), { from: '2024-01', to: '2024-05' }, ['focus']);
    expect(kept.nodes()).toEqual(['focus']);
    const later = heldInRange(world(), { from: '2024-06', to: '2025' }, ['focus']);
    expect(later.nodes().sort()).toEqual(['focus', 'new-op']);
  });

  it('lists what the brush removed as outside, and counts the undated', () => {
    const loaded = world();
    const shown = heldInRange(loaded, { from: '2024-06', to: '2025' }, ['focus']);
    const schema = {
      kinds: {
        MilitantGroup: { label: 'Militant group', color: '#d55e00' },
        Operation: { label: 'Operation', color: '#785ef0' },
        State: { label: 'State', color: '#0077bb' },
        Place: { label: 'Place', color: '#eedd88' },
      },
      relationTypes: { targets: { label: 'Targets', verb: 'targets', layer: 'hostile', color: '#b2182b' } },
      statuses: [],
    } as unknown as SchemaResponse;
    const model = timelineModel(schema, {
      loaded,
      shown,
      drawn: () => true,
      hiddenKinds: new Set(),
      hiddenTypes: new Set(),
      brush: { from: '2024-06', to: '2025' },
      today: day('2026-12-03'),
    });
    expect(model.lanes.map((l) => l.label)).toEqual(['Operations', 'Hostile ties']);
    const byId = new Map(model.items.map((i) => [i.id, i]));
    expect(byId.get('new-op')?.outside).toBe(false);
    expect(byId.get('old-op')?.outside).toBe(true);
    expect(byId.get('focus->state')?.outside).toBe(true);
    expect(model.undated).toBe(4); // focus, state, far, and the state–far tie
    expect(model.domain.last).toBeGreaterThanOrEqual(day('2026-12-03')); // an open span reaches today
    expect(model.domain.first).toBeLessThan(day('2008-01-01'));
  });
});

describe('timeline: axis ticks', () => {
  const labelsOf = (from: string, to: string, width: number) => chooseTicks({ first: day(from), last: day(to) }, width);

  it('uses years, or every few years, over long ranges, never closer than a label needs', () => {
    const ticks = labelsOf('2001-01-01', '2026-12-31', 1200);
    expect(ticks.every((t) => t.major && /^\d{4}$/.test(t.label))).toBe(true);
    const gap = (1200 / (day('2026-12-31') - day('2001-01-01'))) * (ticks[1]!.day - ticks[0]!.day);
    expect(gap).toBeGreaterThanOrEqual(MIN_TICK_GAP);
    expect(Number(ticks[0]!.label) % (Number(ticks[1]!.label) - Number(ticks[0]!.label))).toBe(0);
  });

  it('uses months over a short range, with the year on January', () => {
    const ticks = labelsOf('2023-10-01', '2024-06-30', 1200);
    expect(ticks.map((t) => t.label)).toEqual(['Oct', 'Nov', 'Dec', '2024', 'Feb', 'Mar', 'Apr', 'May', 'Jun']);
  });

  it('thins ticks on a narrow axis', () => {
    expect(labelsOf('2001-01-01', '2026-12-31', 300).length).toBeLessThanOrEqual(300 / MIN_TICK_GAP + 1);
  });
});

describe('timeline: lanes', () => {
  it('packs marks into rows so none overlap, the same way every time', () => {
    const extents = [
      { key: 'a', x0: 0, x1: 100 },
      { key: 'b', x0: 50, x1: 80 },
      { key: 'c', x0: 104, x1: 200 },
      { key: 'd', x0: 85, x1: 90 },
    ];
    const { rowOf, rows } = packRows(extents, 4);
    expect(rows).toBe(2);
    expect(Object.fromEntries(rowOf)).toEqual({ a: 0, b: 1, c: 0, d: 1 });
    expect(packRows([...extents].reverse(), 4).rowOf).toEqual(rowOf);
  });

  it('elides long names', () => {
    expect(elide('Operation Zarb-e-Azb')).toBe('Operation Zarb-e-Azb');
    expect(elide('A very long name of some national action plan', 24)).toHaveLength(24);
  });
});

describe('timeline: the URL holds the brushed period and the open strip', () => {
  it('round-trips during= and timeline=open, and keeps old URLs working', () => {
    const state = decodeViewState('?focus=ttp&during=2014-01..2016-12&timeline=open');
    expect(state.during).toEqual({ from: '2014-01', to: '2016-12' });
    expect(state.timeline).toBe(true);
    expect(encodeViewState(state)).toContain('during=2014-01..2016-12');
    expect(decodeViewState(encodeViewState(state))).toEqual(state);
    const old = decodeViewState('?focus=ttp&asOf=2015');
    expect(old.during).toBeUndefined();
    expect(old.timeline).toBeUndefined();
    expect(encodeViewState(old)).toBe('?focus=ttp&asOf=2015');
  });

  it('drops a malformed or reversed period, and a period beside As of (As of wins)', () => {
    expect(decodeViewState('?focus=ttp&during=2016..2014').during).toBeUndefined();
    expect(decodeViewState('?focus=ttp&during=yesterday').during).toBeUndefined();
    const both = decodeViewState('?focus=ttp&asOf=2015&during=2014..2016');
    expect(both.asOf).toBe('2015');
    expect(both.during).toBeUndefined();
  });
});

describe("timeline: a relation's mark pointed at lights up its line in the graph", () => {
  it('emphasises the line and its two ends and fades the rest, without touching the graph', () => {
    const g = emptyDisplayGraph();
    for (const n of ['a', 'b', 'c'])
      g.addNode(n, { x: 0, y: 0, size: 5, color: '#123456', label: n, kind: 'State', zIndex: 0 });
    const line = { relation: 'targets', status: 'reported', color: '#654321', size: 2, program: 'arrow' } as const;
    g.addDirectedEdgeWithKey('a->b', 'a', 'b', { ...line });
    g.addDirectedEdgeWithKey('b->c', 'b', 'c', { ...line });
    const emphasis = { ...emptyEmphasis(), hoveredEdges: new Set(['a->b']) };
    const node = makeNodeReducer(g, () => emphasis);
    const edge = makeEdgeReducer(g, () => emphasis);
    const looks = (n: string) => node(n, { ...g.getNodeAttributes(n) }) as { color: string; zIndex: number };
    expect(looks('a').color).toBe('#123456');
    expect(looks('b').zIndex).toBe(2);
    expect(looks('c').color).toBe(DIMMED_NODE);
    expect(edge('a->b', { ...g.getEdgeAttributes('a->b') })).toMatchObject({ size: 4, zIndex: 3, color: '#654321' });
    expect(edge('b->c', { ...g.getEdgeAttributes('b->c') })).toMatchObject({ color: DIMMED_EDGE });
    expect(g.getEdgeAttribute('a->b', 'size')).toBe(2);
  });
});
