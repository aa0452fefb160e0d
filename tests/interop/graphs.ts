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
