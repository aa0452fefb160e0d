import { execFile, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startKgServe } from '../../src/reliability/shutdown';
import { REPO_ROOT } from '../support/paths';
import { miniSeed } from '../support/seed-fixture';

/**
 * `kg serve --processes N`: N processes share the port under a supervisor. A user relies on it
 * answering from all of them, surviving the loss of one, stopping whole on SIGTERM, and failing
 * once, clearly, when the seed is broken.
 */

const run = promisify(execFile);
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const KG = path.join(REPO_ROOT, 'src', 'cli', 'kg.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The serving processes' ids, from the supervisor's "(2 processes: 123, 456)". */
const servingPids = (output: string) => /\(\d+ processes: ([\d, ]+)\)/.exec(output)![1]!.split(', ').map(Number);

/** Each request on a connection of its own (no keep-alive): connections are what the processes share. */
async function statuses(url: string, count: number): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) {
    codes.push(
      await new Promise<number>((resolve, reject) => {
        http
          .get(`${url}/api/search?q=taliban&limit=3`, { agent: false }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode!));
          })
          .on('error', reject);
      }),
    );
  }
  return codes;
}

describe('kg serve --processes', () => {
  it('serves from every process, replaces one that dies, and stops whole on SIGTERM', async () => {
    const { child, url, output } = await startKgServe({ KG_PROCESSES: '2' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const pids = servingPids(output());
      expect(pids).toHaveLength(2);
      expect(pids.every(alive)).toBe(true);
      expect(pids).not.toContain(child.pid);
      expect(await statuses(url, 12)).toEqual(Array(12).fill(200));
      // Each request is logged by the process that answered it (the lines reach us a moment
      // after the answers): both took some.
      for (const pid of pids)
        await expect
          .poll(output, { timeout: 10_000, message: `requests answered by ${pid}` })
          .toMatch(new RegExp(`"pid":${pid},[^\\n]*"msg":"request"`));

      // A serving process that dies after it has served a while is replaced; the port keeps answering.
      await sleep(10_500);
      process.kill(pids[0]!, 'SIGKILL');
      await expect
        .poll(output, { timeout: 30_000 })
        .toMatch(new RegExp(`serving process ${pids[0]} stopped \\(signal SIGKILL\\); starting another`));
      expect(await statuses(url, 6)).toEqual(Array(6).fill(200));

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await sleep(200);
      expect(alive(pids[1]!)).toBe(false);
      await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);

  it('stops with the seed error, reported once, when the seed is broken', async () => {
    const fx = miniSeed({
      'relations/broken.yaml':
        '- type: allied-with\n  from: alpha\n  to: xyz\n  evidence: [{ source: src-a, paragraph: 1 }]\n',
    });
    try {
      const started = Date.now();
      const r = await run(TSX, [KG, 'serve', '--port', '0', '--processes', '3'], {
        env: { ...process.env, NEO4J_URI: '', KG_SEED_DIR: fx.dir, KG_SOURCES_DIR: '' },
        cwd: REPO_ROOT,
      }).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(r.code).not.toBe(0);
      expect(r.stderr.match(/unknown entity "xyz"/g)).toHaveLength(1);
      expect(r.stdout).toMatch(/a serving process stopped before it listened/);
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      fx.cleanup();
    }
  }, 90_000);

  it('refuses a process count it cannot honour, naming the option', async () => {
    for (const bad of ['0', '1.5', 'many', '65']) {
      const r = await run(TSX, [KG, 'serve', '--port', '0', '--processes', bad], { cwd: REPO_ROOT }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain(`--processes must be a whole number from 1 to 64, not "${bad}"`);
    }
  }, 60_000);

  it('lets its serving processes finish and exit when the supervisor itself is killed', async () => {
    const { child, output } = await startKgServe({ KG_PROCESSES: '2' });
    try {
      const pids = servingPids(output());
      child.kill('SIGKILL');
      for (let waited = 0; waited < 10_000 && pids.some(alive); waited += 100) await sleep(100);
      expect(pids.filter(alive)).toEqual([]);
      for (const pid of pids)
        expect(output()).toContain(`kg: supervisor gone; finishing in-flight requests (process ${pid})`);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});

describe('the supervisor of several serving processes', () => {
  /** Runs the stand-in supervisor (tests/support/supervisor-stand-in.ts) and stops it after `stopAfterMs`. */
  async function supervise(
    env: Record<string, string>,
    stopAfterMs: number,
    until?: (out: string) => boolean,
  ): Promise<{ code: number | null; out: string }> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'tests', 'support', 'supervisor-stand-in.ts')],
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    // With `until`, stopped as soon as the output shows what the test waits for (stopAfterMs is then only a cap).
    let stopping = false;
    const read = (d: Buffer) => {
      out += d.toString();
      if (!stopping && until?.(out)) {
        stopping = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const timer = setTimeout(() => child.kill('SIGTERM'), stopAfterMs);
    const code = await exited;
    clearTimeout(timer);
    return { code, out };
  }

  it('replaces a process that dies after serving a while, but not a replacement that never serves', async () => {
    const { code, out } = await supervise(
      { MIN_SERVING_MS: '300', DIE_AFTER_MS: '2500', REPLACEMENTS_FAIL: '1' },
      45_000,
      (o) => /before it listened \(code 7\); not replacing it/.test(o),
    );
    expect(out).toMatch(/stand-in \d serving \(2 processes/);
    expect(out).toMatch(/serving process \d+ stopped \(code 3\); starting another/);
    expect(out).toMatch(/a replacement process stopped before it listened \(code 7\); not replacing it/);
    // One replacement, not one after another.
    expect(out.match(/starting another/g)).toHaveLength(1);
    expect(out).toContain('stand-in 3 up');
    expect(out).not.toContain('stand-in 4 up');
    // Stopped by SIGTERM after a failure: the supervisor says something went wrong.
    expect(out).toContain('supervisor exit 7');
    expect(code).toBe(7);
  }, 60_000);

  it('does not replace a process that dies soon after it began serving', async () => {
    const { code, out } = await supervise(
      { MIN_SERVING_MS: '5000', DIE_AFTER_MS: '300' },
      45_000,
      (o) => /not replacing it/.test(o) && o.includes('stand-in 2 up'),
    );
    expect(out).toMatch(/serving process \d+ stopped \(code 3\) within 5 s of serving; not replacing it/);
    expect(out).not.toContain('starting another');
    // The first process died before the second came up, or after: either way two were started, not more.
    expect(out).toContain('stand-in 2 up');
    expect(out).not.toContain('stand-in 3 up');
    expect(code).toBe(1);
  }, 60_000);
});
