import net from 'node:net';

/**
 * Stand-ins for a Neo4j that is down, on loopback: a closed port (connection refused), a listener
 * that accepts and drops every connection, and one that accepts and never answers (a black hole,
 * as a firewall or a frozen server looks). All can take over one port in turn, so a running
 * server sees its database change state without a restart. They stand in for what a real Neo4j
 * on this machine cannot be made to do (drop or swallow connections); a real server stopped and
 * started again is src/reliability/real-outage.ts.
 */
export type OutageKind = 'refuse' | 'drop' | 'black-hole';

export interface FakeDatabase {
  readonly port: number;
  readonly uri: string;
  readonly kind: OutageKind;
  /** Switches to another kind of outage on the same port. */
  become(kind: OutageKind): Promise<void>;
  close(): Promise<void>;
}

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function fakeDatabase(kind: OutageKind): Promise<FakeDatabase> {
  const port = await freePort();
  let server: net.Server | null = null;
  const sockets = new Set<net.Socket>();
  let current: OutageKind = kind;

  const stop = async () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
  };
  const start = async (k: OutageKind) => {
    await stop();
    current = k;
    if (k === 'refuse') return;
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
      if (k === 'drop') socket.destroy();
      // black hole: read and say nothing
      else socket.resume();
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
  };
  await start(kind);
  return {
    port,
    uri: `bolt://127.0.0.1:${port}`,
    get kind() {
      return current;
    },
    become: start,
    close: stop,
  };
}
