import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { MemoryStore } from '../../src/store/memory';
import { seedFixture } from '../support/seed-fixture';

/**
 * A small invented world for the viewer tests, so assertions can name exact things: an
 * allegation and its denial about the same pair, a dated operation, a busy hub (20 ties) that
 * makes "expand" ask first, and an entity whose name is markup.
 */
export const MARKUP_NAME = '<img src=x onerror="window.__xss=1"><b>Bold</b> Brigade';

const SOURCES = `- id: src-a
  title: Source Alpha
  authors: [A. Writer]
  publisher: Alpha Press
  published: 2023-05
  file: a.txt
- id: src-b
  title: Source Beta
  authors: [B. Writer]
  publisher: Beta Institute
  published: 2024-09
  file: b.txt
`;

const spokes = Array.from({ length: 20 }, (_, i) => i + 1);

const ENTITIES = `- id: north-front
  kind: MilitantGroup
  name: Northern Front
  aliases: [NF, Front of the North]
  description: Invented armed group at the centre of the test world.
  facts:
    - { name: fighters, value: 1200, source: src-a, paragraph: 7, note: Estimate in the first source. }
- id: westland
  kind: State
  name: Westland
  description: Invented state fighting the Northern Front.
- id: eastland
  kind: State
  name: Eastland
  description: Invented state accused of backing the Northern Front.
- id: op-shield
  kind: Operation
  name: Operation Shield
  description: Invented operation launched in mid 2024.
  since: 2024-06
- id: corridor
  kind: Project
  name: Grand Corridor
  description: Invented infrastructure project.
- id: markup
  kind: MilitantGroup
  name: '${MARKUP_NAME}'
  description: 'A group whose name is <script>markup</script>, to prove names show as text.'
- id: hub
  kind: Person
  name: Hub Leader
  description: Invented person with many ties.
${spokes.map((i) => `- id: spoke-${i}\n  kind: Place\n  name: Spoke ${i}\n  description: Invented place ${i}.\n`).join('')}`;

const RELATIONS = `- type: opposes
  from: westland
  to: north-front
  evidence: [{ source: src-a, paragraph: 1 }]
- type: targets
  from: north-front
  to: corridor
  since: 2022
  evidence: [{ source: src-a, paragraph: 2 }]
- type: supports
  from: eastland
  to: north-front
  status: alleged
  assertedBy: [westland]
  evidence: [{ source: src-b, paragraph: 3, note: Westland says Eastland arms the Front. }]
- type: supports
  from: eastland
  to: north-front
  status: denied
  assertedBy: [eastland]
  evidence: [{ source: src-b, paragraph: 4, note: Eastland rejects the charge. }]
- type: launched
  from: westland
  to: op-shield
  since: 2024-06
  evidence: [{ source: src-b, paragraph: 5 }]
- type: targets
  from: op-shield
  to: north-front
  since: 2024-06
  evidence: [{ source: src-b, paragraph: 5 }]
- type: funds
  from: eastland
  to: corridor
  evidence: [{ source: src-a, paragraph: 6 }]
- type: allied-with
  from: markup
  to: north-front
  evidence: [{ source: src-a, paragraph: 8 }]
- type: leads
  from: hub
  to: markup
  evidence: [{ source: src-a, paragraph: 9 }]
${spokes.map((i) => `- type: operates-in\n  from: hub\n  to: spoke-${i}\n  evidence: [{ source: src-a, paragraph: 10 }]\n`).join('')}`;

export function fixtureStore(): MemoryStore {
  const fx = seedFixture({ 'sources.yaml': SOURCES, 'entities/main.yaml': ENTITIES, 'relations/main.yaml': RELATIONS });
  try {
    return new MemoryStore(loadKnowledgeBaseOrThrow(fx.dir).kb);
  } finally {
    fx.cleanup();
  }
}
