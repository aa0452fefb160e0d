import { once } from 'node:events';
import { sharedGuardThread } from '../cypher-guard';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app';

export interface RunningServer {
  server: Server;
  url: string;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes the store. */
  close(graceMs?: number): Promise<void>;
}

export async function startServer(options: AppOptions & { port: number; host: string }): Promise<RunningServer> {
  // The Cypher guard's thread loads Neo4j's parser now, not on the first query.
  sharedGuardThread().warm();
  const app = createApp(options);
  const server = app.listen(options.port, options.host);
  await once(server, 'listening'); // rejects with the error when the port cannot be had
  server.on('clientError', answerUnreadable);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    url: `http://${host}:${port}`,
    async close(graceMs = 8000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() only closes connections idle at that moment; a keep-alive connection whose request
      // finishes later would otherwise stay open until the grace period ends.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      server.closeIdleConnections();
      await closed;
      clearInterval(sweep);
      clearTimeout(timer);
      await options.store.close();
    },
  };
}

/** A request Node cannot read (431: its line and headers are over 16 KB) gets the API's JSON error, not an empty body. */
function answerUnreadable(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const [status, message] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'the request line and headers are over 16 KB'] : [400, 'not valid HTTP'];
  const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message } });
  const type = 'content-type: application/json; charset=utf-8';
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${type}\r\nconnection: close\r\n\r\n${body}`);
}
