import { api } from './api/client';
import { App } from './app';
import { $ } from './ui/dom';

/** Entry point: read the registries and what the server offers, then hand over to the app. */
async function main(): Promise<void> {
  // A failing health check (store down) only costs the passages; the app reports the rest.
  const [schema, health] = await Promise.all([api.schema(), api.health().catch(() => null)]);
  const app = new App(schema, { passages: health?.passages === true });
  window.addEventListener('pagehide', (e) => {
    if (!e.persisted) app.kill();
  });
  await app.start();
}

main().catch((err: unknown) => {
  $('#status').textContent = `error: ${(err as Error).message}`;
  document.body.dataset.ready = 'error';
});
