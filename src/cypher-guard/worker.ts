import { parentPort } from 'node:worker_threads';
import { CypherRefusedError, CypherSyntaxError, CypherTooComplexError } from '../model/errors';
import { guardCypher } from './guard';
import type { GuardReply, GuardRequest } from './off-thread';

// The guard's thread: loads Neo4j's parser once, says it is ready, then checks one query per message.
const port = parentPort!;
// A first analysis is several times slower than the next (the parser's code is not yet
// compiled): done here, before the thread says it is ready, it never counts against a deadline.
for (const warmUp of [
  'MATCH (n:Entity)-[r]->(m) WHERE n.id = $id RETURN n, r, m LIMIT 25',
  'CALL db.labels() YIELD label RETURN label',
])
  answer({ id: 0, query: warmUp, params: { id: 'x' } });
port.postMessage({ ready: true });
port.on('message', (request: GuardRequest) => port.postMessage(answer(request)));

function answer({ id, query, params }: GuardRequest): GuardReply {
  try {
    return { id, ok: true, guarded: guardCypher(query, params) };
  } catch (err) {
    if (err instanceof CypherSyntaxError)
      return { id, ok: false, kind: 'syntax', message: err.message, position: err.position };
    if (err instanceof CypherRefusedError)
      return { id, ok: false, kind: 'refused', message: err.message, position: err.position };
    if (err instanceof CypherTooComplexError) return { id, ok: false, kind: 'complex', message: err.message };
    // The parser's recursion can still run out of stack on shapes the limits do not foresee.
    if (err instanceof RangeError)
      return { id, ok: false, kind: 'complex', message: 'query too complex: the parser ran out of stack' };
    return { id, ok: false, kind: 'complex', message: `query could not be analysed (${(err as Error).message})` };
  }
}
