import type { AppOptions } from '../../src/api/app';
import { startServer, type RunningServer } from '../../src/api/server';
import { loadConfig } from '../../src/config';
import type { GraphStore } from '../../src/store/port';
import { openStore } from '../../src/store/open';

/**
 * A real HTTP server on a free loopback port, over the real seed (or a given store), configured
 * as `kg serve` is (sources folder included); `options` overrides the app's options.
 */
export async function startTestServer(
  store?: GraphStore,
  options: Partial<AppOptions> = {},
): Promise<RunningServer & { store: GraphStore }> {
  const config = loadConfig();
  const s = store ?? (await openStore(config));
  const running = await startServer({
    store: s,
    port: 0,
    host: '127.0.0.1',
    viewerDir: config.viewerDir,
    ...(config.sourcesDir ? { sourcesDir: config.sourcesDir } : {}),
    log: () => {},
    ...options,
  });
  return { ...running, store: s };
}

export async function getJson(base: string, path: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(base + path);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: the test will say so */
  }
  return { status: res.status, body, headers: res.headers };
}
