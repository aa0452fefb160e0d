import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The rendering benchmark page: built by `npm run bench` into bench/viewer/dist (not committed). */
export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  build: { outDir: path.join(root, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
