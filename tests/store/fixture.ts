import type { KnowledgeBase } from '../../src/model';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { seedFixture } from '../support/seed-fixture';

/**
 * A small knowledge base with a known shape, so store expectations are exact:
 * a chain a-b-c-d, a shortcut a-d claimed twice (an allegation and its denial), an event e that
 * c carried out, located in state f; dated relations and entities; two sources a year apart, one
 * dated by its year alone (it may have appeared on any day of 2024).
 */
const ENTITIES = `
- { id: a, kind: MilitantGroup, name: Node A, aliases: [AF, Ālpha Fronte], description: test }
- { id: b, kind: MilitantGroup, name: Node B, description: test }
- { id: c, kind: MilitantGroup, name: Node C, description: test }
- { id: d, kind: MilitantGroup, name: Node D, description: test }
- { id: e, kind: Event, name: Node E, since: 2024-03, description: test }
- id: f
  kind: State
  name: Pakistan
  demonyms: [Pakistani]
  description: test
  facts: [{ name: fighters, value: 100, source: src-b, paragraph: 2 }]
  mentions: [{ source: src-b, paragraph: 1 }]
`;
export const FIXTURE_RELATIONS = `
- { type: allied-with, from: a, to: b, since: 2020, until: 2022-11, evidence: [{ source: src-a, paragraph: 1 }] }
- { type: targets, from: b, to: c, credibility: 2, evidence: [{ source: src-a, paragraph: 2, note: a note }] }
- { type: targets, from: c, to: d, evidence: [{ source: src-b, paragraph: 1 }] }
- { type: funds, from: a, to: d, status: alleged, assertedBy: [b], evidence: [{ source: src-b, paragraph: 1 }] }
- { type: funds, from: a, to: d, status: denied, assertedBy: [a], evidence: [{ source: src-a, paragraph: 3 }] }
- { type: carried-out, from: c, to: e, evidence: [{ source: src-a, paragraph: 1 }] }
- { type: located-in, from: e, to: f, evidence: [{ source: src-a, paragraph: 1 }, { source: src-b, paragraph: 2 }] }
`;
const SOURCES = `
- { id: src-a, title: Source A, published: 2024, file: a.txt }
- { id: src-b, title: Source B, publisher: Press B, published: 2025-02, file: b.txt }
`;

export function fixtureKnowledgeBase(relations: string = FIXTURE_RELATIONS): KnowledgeBase {
  const fx = seedFixture({ 'sources.yaml': SOURCES, 'entities/main.yaml': ENTITIES, 'relations/main.yaml': relations });
  try {
    return loadKnowledgeBaseOrThrow(fx.dir).kb;
  } finally {
    fx.cleanup();
  }
}
