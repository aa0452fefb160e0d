import { MultiDirectedGraph } from 'graphology';
import { parse } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../viewer/src/cypher/tokenize';
import { writeGraphml } from '../../viewer/src/export/graphml';
import { formatExpansion, parseExpansion } from '../../viewer/src/graph/expansions';
import { FilterContext } from '../../src/store/filters';
import { dateText, monthIndex, monthLabel } from '../../viewer/src/time/months';
import { decodeViewState, encodeViewState } from '../../viewer/src/url-state/url-codec';

describe('viewer URL state', () => {
  it('round-trips a full view through the query string', () => {
    const search =
      '?focus=bla&depth=2&expand=china,ttp:supports.funds&hideKinds=Place&hideTypes=located-in&asOf=2024-06&knownBy=2024&from=bla&to=china&maxHops=3&k=2&useTypes=targets&avoidTypes=part-of&sel=bla|china&tab=paths';
    const state = decodeViewState(search);
    expect(state).toMatchObject({
      focus: 'bla',
      depth: 2,
      expanded: ['china', 'ttp:supports.funds'],
      hiddenKinds: ['Place'],
      asOf: '2024-06',
      knownBy: '2024',
      tab: 'paths',
      selected: 'bla|china',
    });
    expect(state.path).toEqual({ from: 'bla', to: 'china', maxHops: 3, k: 2, types: ['targets'], avoid: ['part-of'] });
    expect(decodeViewState(encodeViewState(state))).toEqual(state);
  });

  it('falls back to defaults on malformed values instead of breaking the page', () => {
    const state = decodeViewState('?depth=9&asOf=yesterday&tab=admin&maxHops=99&from=a');
    expect(state).toMatchObject({ focus: 'ttp', depth: 1, tab: 'explore' });
    expect(state.asOf).toBeUndefined();
    expect(state.path).toBeUndefined(); // a path needs both ends
  });

  it('keeps default values out of links', () => {
    expect(encodeViewState(decodeViewState('?focus=ttp'))).toBe('?focus=ttp');
  });
});

describe('viewer pieces', () => {
  it('reads expansions with and without a type choice', () => {
    expect(parseExpansion('hub:operates-in.leads')).toEqual({ id: 'hub', types: ['operates-in', 'leads'] });
    expect(formatExpansion(parseExpansion('hub'))).toBe('hub');
  });

  it('maps slider months to partial dates and back', () => {
    expect(monthLabel(monthIndex('2024-06'))).toBe('2024-06');
    expect(monthLabel(monthIndex('2024'))).toBe('2024-12');
  });

  it('"known by" a slider month means by its end: a source dated 2024 alone counts from December (issue 16)', () => {
    const sources = [
      { id: 'y', title: 'Y', authors: [], published: '2024', file: 'y.txt' },
      { id: 'm', title: 'M', authors: [], published: '2024-06', file: 'm.txt' },
    ];
    const cites = [
      { source: 'y', paragraph: 1 },
      { source: 'm', paragraph: 1 },
    ];
    // What the store keeps when the slider stands at a month (the viewer sends monthLabel).
    const kept = (month: string) =>
      new FilterContext(sources, { knownBy: monthLabel(monthIndex(month)) }).evidenceKnown(cites).map((c) => c.source);
    expect(kept('2024-01')).toEqual([]);
    expect(kept('2024-06')).toEqual(['m']);
    expect(kept('2024-11')).toEqual(['m']);
    expect(kept('2024-12')).toEqual(['y', 'm']);
    expect(dateText('knownBy', monthIndex('2024-06'))).toBe('end of 2024-06');
    expect(dateText('asOf', monthIndex('2024-06'))).toBe('2024-06');
  });

  it('tokenizes Cypher for highlighting without losing a character', () => {
    const q =
      "MATCH (a:Entity)-[r:OPPOSES]->(b {id: $id}) // who\nWHERE a.name CONTAINS 'create' RETURN count(r) AS n LIMIT 5";
    const tokens = tokenize(q);
    expect(tokens.map((t) => t.text).join('')).toBe(q);
    const kinds = (kind: string) => tokens.filter((t) => t.kind === kind).map((t) => t.text);
    expect(kinds('keyword')).toEqual(['MATCH', 'WHERE', 'CONTAINS', 'RETURN', 'AS', 'LIMIT']);
    expect(kinds('string')).toEqual(["'create'"]);
    expect(kinds('label')).toEqual([':Entity', ':OPPOSES']);
    expect(kinds('param')).toEqual(['$id']);
    expect(kinds('function')).toEqual(['count']);
    expect(kinds('comment')).toEqual(['// who']);
  });

  it('writes GraphML that a GraphML reader loads back, markup in names escaped', () => {
    const g = new MultiDirectedGraph();
    g.addNode('a', { name: '<b>A & "B"</b>', size: 3 });
    g.addNode('b', { name: 'B' });
    g.addDirectedEdgeWithKey('e1', 'a', 'b', { relation: 'targets' });
    const xml = writeGraphml(g);
    expect(xml).not.toContain('<b>');
    const back = parse(MultiDirectedGraph, xml);
    expect(back.order).toBe(2);
    expect(back.getNodeAttribute('a', 'name')).toBe('<b>A & "B"</b>');
    expect(back.getNodeAttribute('a', 'size')).toBe(3);
    expect(back.getEdgeAttribute(back.edges()[0]!, 'relation')).toBe('targets');
  });
});
