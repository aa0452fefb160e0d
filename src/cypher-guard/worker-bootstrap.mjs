// Entry of the Cypher guard's worker thread. A worker starts as a plain Node thread: neither the
// parent's tsx loader (under `kg serve`) nor vitest's transform (under tests) reaches it, so it
// loads the TypeScript worker through tsx's own API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
