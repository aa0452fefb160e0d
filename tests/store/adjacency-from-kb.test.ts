import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/bench/prng';
import type { Entity, EntityKind, KnowledgeBase, LoadedRelation, RelationStatus, RelationType } from '../../src/model';
import { relationKey } from '../../src/model';
import { buildGraph, type KnowledgeGraph } from '../../src/model';
import { Adjacency } from '../../src/store/memory/adjacency';
import { MemoryStore } from '../../src/store/memory';
import { inCanonicalOrder } from '../../src/model';
import { useGeneratedStore } from './generated-store';

/**
 * The store builds its index straight from the knowledge base: what each array must hold, and
 * that it describes the very graph graphology would build from the same lists.
 */

/** A graph as the store exports it (graphology's export; the store declares self-loops allowed). */
const exported = (graph: KnowledgeGraph) => ({
  ...graph.export(),
  options: { ...graph.export().options, allowSelfLoops: true },
});

/** Ids JavaScript orders as array indices ("0", "7", "4294967294") mixed with ones it does not ("007", "4294967295", slugs). */
const ID_POOL = [
  '0',
  '7',
  '10',
  '3',
  '007',
  '4294967294',
  '4294967295',
  '12345678901',
  'ttp',
  'bla',
  'a-1',
  'x9',
  '2b',
  'afghan-taliban',
];

function randomKb(rng: Prng, nodes: number, relations: number): KnowledgeBase {
  const kinds: EntityKind[] = ['MilitantGroup', 'Person', 'State'];
  const types: RelationType[] = ['allied-with', 'targets', 'funds', 'supports'];
  const statuses: RelationStatus[] = ['reported', 'alleged', 'denied'];
  const ids: string[] = [];
  for (let i = 0; i < nodes; i++) ids.push(rng.next() < 0.7 ? rng.pick(ID_POOL) : `e${i}`);
  const unique = [...new Set(ids)];
  const entities = unique.map(
    (id) =>
      ({
        id,
        kind: rng.pick(kinds),
        name: `Entity ${id}`,
        aliases: [],
        demonyms: [],
        description: '',
        facts: [],
        mentions: [],
      }) as unknown as Entity,
  );
  const rels: LoadedRelation[] = [];
  for (let r = 0; r < relations; r++) {
    const a = rng.int(unique.length);
    let b = rng.int(unique.length - 1);
    if (b >= a) b++;
    // Often a further claim about an earlier pair, either way round: parallel and opposite relations.
    const earlier = rels.length > 0 && rng.next() < 0.35 ? rng.pick(rels) : undefined;
    const [from, to] = earlier
      ? rng.next() < 0.5
        ? [earlier.from, earlier.to]
        : [earlier.to, earlier.from]
      : [unique[a]!, unique[b]!];
    const rel = {
      id: `r${r}`,
      type: rng.pick(types),
      from,
      to,
      status: rng.pick(statuses),
      assertedBy: [],
      evidence: [{ source: 's', paragraph: 1 }],
    } as unknown as LoadedRelation;
    rel.key = relationKey(rel);
    rels.push(rel);
  }
  return { sources: [], entities, relations: rels };
}

describe('the index built from the knowledge base', () => {
  it('holds every relation once at each end, relations into an entity first, and converts back to the same graph', async () => {
    const rng = new Prng(91);
    for (let round = 0; round < 150; round++) {
      const kb = randomKb(rng, 3 + rng.int(14), rng.int(60));
      const built = new Adjacency(kb);
      for (let v = 0; v < built.ids.length; v++) {
        const slots = [...built.edge.subarray(built.offsets[v]!, built.offsets[v + 1]!)];
        const into = kb.relations.flatMap((r, e) => (r.to === built.ids[v] ? [e] : []));
        const outOf = kb.relations.flatMap((r, e) => (r.from === built.ids[v] ? [e] : []));
        expect(slots, `round ${round}, entity ${built.ids[v]}`).toEqual([...into, ...outOf]);
        expect(built.inDegree[v]).toBe(into.length);
      }
      expect(await new MemoryStore(kb).graph()).toEqual(exported(buildGraph(inCanonicalOrder(kb))));
    }
  });

  const store = useGeneratedStore(5);
  it('converts back to the same graph on a generated heavy-tailed knowledge base', async () => {
    const graph: KnowledgeGraph = MultiDirectedGraph.from(await store().graph());
    const kb: KnowledgeBase = {
      sources: graph.getAttribute('sources'),
      entities: graph.mapNodes((id, a) => ({ id, ...a }) as unknown as Entity),
      relations: graph.mapEdges((key, a, from, to) => ({ ...a, key, from, to }) as unknown as LoadedRelation),
    };
    expect(await new MemoryStore(kb).graph()).toEqual(exported(buildGraph(kb)));
  });

  it('refuses what graphology would refuse, naming the entity or relation', () => {
    const rng = new Prng(3);
    const kb = randomKb(rng, 6, 8);
    const first = kb.entities[0]!;
    const rel = kb.relations[0]!;
    expect(() => new Adjacency({ ...kb, entities: [...kb.entities, first] })).toThrow(
      `entity "${first.id}" is listed twice`,
    );
    expect(() => new Adjacency({ ...kb, relations: [...kb.relations, rel] })).toThrow(
      `relation key "${rel.key}" is used twice`,
    );
    expect(() => new Adjacency({ ...kb, relations: [{ ...rel, key: 'k', to: 'nobody' }] })).toThrow(
      'unknown entity "nobody"',
    );
    expect(() => new Adjacency({ ...kb, relations: [{ ...rel, key: 'k', to: rel.from }] })).toThrow(
      `joins "${rel.from}" to itself`,
    );
  });
});
