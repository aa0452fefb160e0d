import { once } from 'node:events';
import { sharedGuardThread } from '../cypher-guard';
import type { Server } from 'node:http';
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
