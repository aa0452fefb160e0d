// Builds what is missing or older than its sources, so that `npm start` and `npm run kg` work on a
// fresh clone without a separate build step: the viewer (viewer/dist) and the server (dist/: the
// kg command and its worker threads, bundled by Vite for Node, the packages left as imports).
// `node scripts/build-if-needed.mjs [viewer] [server] [--always]` (both by default).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);

/**
 * Each worker thread is an entry of its own, named as src/worker-job.ts's workerEntry is told.
 * The bundles sit side by side in dist/, so that REPO_ROOT (src/config.ts) is dist/.. as src/.. is.
 */
const serverBuild = {
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: at('dist'),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: {
        kg: at('src', 'cli', 'kg.ts'),
        'cypher-guard-worker': at('src', 'cypher-guard', 'worker.ts'),
        'analysis-worker': at('src', 'analysis', 'worker.ts'),
      },
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
};

const TARGETS = {
  viewer: {
    output: at('viewer', 'dist', 'index.html'),
    // The viewer bundles the model and the GraphML writer it shares with the server.
    sources: [at('viewer'), at('src', 'model'), at('src', 'interop', 'graphml.ts'), at('src', 'interop', 'xml.ts')],
    config: { configFile: at('viewer', 'vite.config.ts'), logLevel: 'warn' },
  },
  server: { output: at('dist', 'kg.js'), sources: [at('src'), at('package.json')], config: serverBuild },
};

function newestMtime(file) {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(file, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(file, entry.name)));
  }
  return newest;
}

const args = process.argv.slice(2);
const always = args.includes('--always');
const names = args.filter((a) => a in TARGETS);
for (const name of names.length > 0 ? names : Object.keys(TARGETS)) {
  const target = TARGETS[name];
  const fresh =
    existsSync(target.output) && statSync(target.output).mtimeMs >= Math.max(...target.sources.map(newestMtime));
  if (fresh && !always) continue;
  console.error(
    `${name}: building (${fresh ? 'asked to' : `${path.relative(root, target.output)} is missing or stale`})…`,
  );
  // Vite only when there is something to build: a deployment that ships dist/ needs no devDependencies.
  const { build } = await import('vite');
  await build(target.config);
  console.error(`${name}: built`);
}
