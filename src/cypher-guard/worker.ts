import { parentPort } from 'node:worker_threads';
import type { QueryPosition } from '../model/errors';
import { guardCypher } from './guard';
import type { GuardReply, GuardRequest } from './off-thread';

// The guard's thread: loads Neo4j's parser once, says it is ready, then checks one query per message.
const port = parentPort!;
// A first analysis is several times slower (the parser not yet compiled): done before "ready", no deadline counts it.
for (const warmUp of [
  'MATCH (n:Entity)-[r]->(m) WHERE n.id = $id RETURN n, r, m LIMIT 25',
  'CALL db.labels() YIELD label RETURN label',
])
  answer({ query: warmUp, params: { id: 'x' } });
port.postMessage({ ready: true });
port.on('message', (request: GuardRequest) => port.postMessage(answer(request)));

function answer({ query, params }: GuardRequest): GuardReply {
  try {
    return { ok: true, guarded: guardCypher(query, params) };
  } catch (err) {
    const { name, message, position } = err as Error & { position: QueryPosition };
    if (name === 'CypherSyntaxError' || name === 'CypherRefusedError') return { ok: false, name, message, position };
    if (name === 'CypherTooComplexError') return { ok: false, name, message };
    // The parser's recursion can still run out of stack on shapes the limits do not foresee.
    const reason =
      err instanceof RangeError ? 'too complex: the parser ran out of stack' : `could not be analysed (${message})`;
    return { ok: false, name: 'CypherTooComplexError', message: `query ${reason}` };
  }
}
