import type { KnowledgeBase } from '../../src/model';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { MemoryStore } from '../../src/store/memory';
import type { GraphJson } from '../../src/model';
import { SEED_DIR } from '../support/paths';

/** The real seed's graph (without any imported data), read the way the stores read it. */
export async function seedGraph(): Promise<GraphJson> {
  return new MemoryStore(loadKnowledgeBaseOrThrow(SEED_DIR).kb).graph();
}

/**
 * A small graph with what breaks naive exporters: commas, quotes, backslashes, newlines, non-Latin
 * text in names and lists; parallel claims about one pair; credibility; partial dates; every
 * kind that maps to a different STIX object.
 */
export const TRICKY_KB: KnowledgeBase = {
  sources: [
    {
      id: 'src-a',
      title: 'A "quoted", title',
      authors: ['Ann, B.', 'Çelik'],
      published: '2024-06',
      file: 'a.txt',
      url: 'https://example.org/a',
    },
    { id: 'src-b', title: 'B', authors: [], published: '2025', file: 'b.txt', reliability: 'B' },
  ],
  entities: [
    {
      id: 'alpha',
      kind: 'MilitantGroup',
      name: 'Alpha, "the" Front',
      aliases: ['AF', 'Al-Fa\\ront', "Alpha's"],
      demonyms: [],
      description: 'Line one.\nLine two, with a comma.',
      since: '2007',
      facts: [{ name: 'fighters', value: 500, source: 'src-a', paragraph: 2 }],
      mentions: [{ source: 'src-b', paragraph: 1 }],
    },
    {
      id: 'betaland',
      kind: 'State',
      name: 'Pakistan',
      aliases: ['Islamabad'],
      demonyms: ['Pakistani'],
      description: 'A state.',
      facts: [],
      mentions: [],
    },
    {
      id: 'city',
      kind: 'Place',
      name: 'Quetta',
      aliases: [],
      demonyms: [],
      description: 'A city.',
      facts: [],
      mentions: [],
    },
    {
      id: 'far-place',
      kind: 'Place',
      name: 'Nowhere',
      aliases: [],
      demonyms: [],
      description: 'An unplaced place.',
      facts: [],
      mentions: [],
    },
    {
      id: 'op',
      kind: 'Operation',
      name: 'Operation Ω',
      aliases: ['Op-Omega'],
      demonyms: [],
      description: 'An operation.',
      since: '2024-06-22',
      until: '2024-12',
      facts: [],
      mentions: [],
    },
    {
      id: 'plan',
      kind: 'Policy',
      name: 'Plan',
      aliases: [],
      demonyms: [],
      description: 'A plan.',
      facts: [],
      mentions: [],
    },
    {
      id: 'proj',
      kind: 'Project',
      name: 'Corridor',
      aliases: [],
      demonyms: [],
      description: 'A project.',
      facts: [],
      mentions: [],
    },
    {
      id: 'refugees',
      kind: 'Population',
      name: 'Refugees',
      aliases: [],
      demonyms: [],
      description: 'People.',
      facts: [],
      mentions: [],
    },
    {
      id: 'person',
      kind: 'Person',
      name: 'Someone',
      aliases: [],
      demonyms: [],
      description: 'A person.',
      facts: [],
      mentions: [],
    },
  ],
  relations: [
    {
      key: 'betaland--opposes--alpha',
      type: 'opposes',
      from: 'betaland',
      to: 'alpha',
      status: 'reported',
      assertedBy: [],
      credibility: 2,
      since: '2024',
      evidence: [{ source: 'src-a', paragraph: 1, note: 'Says so, "plainly".' }],
    },
    {
      key: 'alpha--targets--proj--alleged--by-betaland',
      type: 'targets',
      from: 'alpha',
      to: 'proj',
      status: 'alleged',
      assertedBy: ['betaland'],
      evidence: [
        { source: 'src-a', paragraph: 3 },
        { source: 'src-b', paragraph: 4 },
      ],
    },
    {
      key: 'alpha--targets--proj--denied--by-alpha',
      type: 'targets',
      from: 'alpha',
      to: 'proj',
      status: 'denied',
      assertedBy: ['alpha'],
      credibility: 6,
      evidence: [{ source: 'src-b', paragraph: 4 }],
    },
    {
      key: 'betaland--carried-out--op',
      type: 'carried-out',
      from: 'betaland',
      to: 'op',
      status: 'reported',
      assertedBy: [],
      since: '2024-06',
      until: '2024-06',
      evidence: [{ source: 'src-a', paragraph: 5 }],
    },
    {
      key: 'city--located-in--betaland',
      type: 'located-in',
      from: 'city',
      to: 'betaland',
      status: 'reported',
      assertedBy: [],
      evidence: [{ source: 'src-b', paragraph: 2 }],
    },
    {
      key: 'betaland--launched--plan',
      type: 'launched',
      from: 'betaland',
      to: 'plan',
      status: 'reported',
      assertedBy: [],
      evidence: [{ source: 'src-b', paragraph: 3 }],
    },
    {
      key: 'betaland--expels--refugees',
      type: 'expels',
      from: 'betaland',
      to: 'refugees',
      status: 'reported',
      assertedBy: [],
      evidence: [{ source: 'src-b', paragraph: 3 }],
    },
    {
      key: 'person--leads--alpha',
      type: 'leads',
      from: 'person',
      to: 'alpha',
      status: 'reported',
      assertedBy: [],
      note: 'Note with\nnewline',
      evidence: [{ source: 'src-a', paragraph: 6 }],
    },
  ],
};

export async function trickyGraph(): Promise<GraphJson> {
  return new MemoryStore(TRICKY_KB).graph();
}

const copy = (json: GraphJson): GraphJson => structuredClone(json);

/** The tricky graph with worse values: every place a writer escapes, quotes, skips or types. */
export async function awkwardGraph(): Promise<GraphJson> {
  const json = copy(await trickyGraph());
  const node = (key: string) =>
    json.nodes.find((n) => n.key === key)!.attributes! as unknown as Record<string, unknown>;
  const edge = (i: number) => json.edges[i]!.attributes! as unknown as Record<string, unknown>;
  Object.assign(node('alpha'), {
    name: 'A & B <C> "D" \'E\'\ttab\r\nCRLF ]]> &amp',
    description: 'control \u0001 and \u000b, emoji 🚩, Urdu تحریک طالبان',
  });
  Object.assign(node('betaland'), { aliases: [], demonyms: [], score: 1.5, big: 2 ** 40, mixed: 7, negative: -3 });
  Object.assign(node('city'), { score: 3, mixed: 'seven', negative: 0, name: 'Kōhāt «کوہاٹ»' });
  delete node('plan').description;
  delete node('op').until;
  Object.assign(edge(0), { note: 'x < y & z > w "quoted"\n', credibility: 3 });
  Object.assign(edge(1), { weightish: 0.1 + 0.2, evidence: [] });
  delete edge(2).credibility;
  json.attributes = {
    sources: [
      ...(json.attributes?.sources ?? []),
      { id: 'src-ü', title: 'Title <&> "q"', authors: ['Ünal'], published: '2024', file: 'u.txt' },
    ],
  };
  return json;
}

/** The awkward graph with every string list list-safe, so GEXF writes them as liststring, not JSON. */
export async function listSafeGraph(): Promise<GraphJson> {
  const json = await awkwardGraph();
  for (const n of json.nodes)
    n.attributes!.aliases = n.attributes!.aliases.length === 0 ? [] : ['AT&T <x>', 'تحریک', `Alias ${n.key}`];
  for (const e of json.edges) e.attributes!.assertedBy = e.attributes!.assertedBy.map((a) => `${a}&co`);
  return json;
}

export const emptyGraph = async (): Promise<GraphJson> => ({
  ...copy(await trickyGraph()),
  nodes: [],
  edges: [],
  attributes: { sources: [] },
});
export const nodesOnlyGraph = async (): Promise<GraphJson> => ({ ...copy(await trickyGraph()), edges: [] });
