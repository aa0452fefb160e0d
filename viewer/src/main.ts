import { api } from './api/client';
import { App } from './app';
import { $ } from './ui/dom';

/** Entry point: read the registries, then hand over to the app. */
async function main(): Promise<void> {
  const schema = await api.schema();
  const app = new App(schema);
  window.addEventListener('pagehide', (e) => {
    if (!e.persisted) app.kill();
  });
  await app.start();
}

main().catch((err: unknown) => {
  $('#status').textContent = `error: ${(err as Error).message}`;
  document.body.dataset.ready = 'error';
});
