import { format } from 'node:util';
import { main } from '../cli/main';
import type { KgRunner } from './broken-inputs';

/**
 * `kg` run inside this process: the same commands, configuration from the environment and exit
 * codes as `kgProcess`, without two seconds of start-up per run, so the test suite can afford the
 * whole corpus. Runs must not overlap (they borrow process.env and the console).
 */
export const kgInProcess: KgRunner = async (args, env) => {
  const savedEnv = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  let stdout = '';
  let stderr = '';
  const saved = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    out: process.stdout.write,
    err: process.stderr.write,
  };
  console.log = console.info = (...a: unknown[]) => void (stdout += `${format(...a)}\n`);
  console.warn = console.error = (...a: unknown[]) => void (stderr += `${format(...a)}\n`);
  process.stdout.write = ((chunk: string | Uint8Array) => (
    (stdout += String(chunk)),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (
    (stderr += String(chunk)),
    true
  )) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    Object.assign(console, { log: saved.log, info: saved.info, warn: saved.warn, error: saved.error });
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
};
