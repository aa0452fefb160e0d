import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../config';

/**
 * Graceful shutdown of a real `kg serve` process: SIGTERM while a request is in flight (its body
 * still arriving, so the request is provably unfinished when the signal lands). The server must
 * stop accepting connections, answer that request in full, close the store and exit 0.
 */
export interface ShutdownMeasure {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** From SIGTERM to the process's exit. */
  exitMs: number;
  /** The in-flight request's answer: status line and whether its JSON body arrived whole. */
  inFlightStatus: number | null;
  inFlightBodyComplete: boolean;
  /** A new connection after SIGTERM was refused (and how long after the signal). */
  newConnectionsRefused: boolean;
  refusedAfterMs: number | null;
  stdout: string;
}

/** Starts `kg serve` on a free port and resolves once it prints its address. */
export async function startKgServe(
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; port: number; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'cli', 'kg.ts'), 'serve', '--port', '0'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, NEO4J_URI: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kg serve did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /serving .* at (http:\/\/[^\s]+)|serving at (http:\/\/[^\s,]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve((m[1] ?? m[2])!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kg serve exited (${code}) before serving:\n${out}`));
    });
  });
  return { child, url, port: Number(new URL(url).port), output: () => out };
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureShutdown(options: { bodyDelayMs?: number } = {}): Promise<ShutdownMeasure> {
  const bodyDelayMs = options.bodyDelayMs ?? 1000;
  const { child, port, output } = await startKgServe();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );

  // The in-flight request: headers and half the body now, the rest after SIGTERM.
  const body = JSON.stringify({ q: 'taliban' });
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let response = '';
  socket.on('data', (d) => (response += d.toString()));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  // Any request whose body is still arriving is in flight. (Not /api/cypher: its first call loads
  // Neo4j's parser, seconds of start-up that would be counted as shutdown time.)
  socket.write(
    `POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
  );
  socket.write(body.slice(0, 5));
  await sleep(300);

  const signalled = Date.now();
  child.kill('SIGTERM');
  let refusedAfterMs: number | null = null;
  while (Date.now() - signalled < bodyDelayMs) {
    if (!(await connects(port))) {
      refusedAfterMs = Date.now() - signalled;
      break;
    }
    await sleep(50);
  }
  await sleep(Math.max(0, bodyDelayMs - (Date.now() - signalled)));
  socket.write(body.slice(5));
  await Promise.race([ended, sleep(10_000)]);
  const exit = await Promise.race([exited, sleep(15_000).then(() => null)]);
  if (!exit) child.kill('SIGKILL');

  const status = /^HTTP\/1\.1 (\d{3})/.exec(response);
  const jsonPart = response.split('\r\n\r\n').slice(1).join('\r\n\r\n');
  let complete: boolean;
  try {
    // The body may be chunked: the JSON object sits between the chunk markers.
    const start = jsonPart.indexOf('{');
    const end = jsonPart.lastIndexOf('}');
    JSON.parse(jsonPart.slice(start, end + 1));
    complete = start >= 0;
  } catch {
    complete = false;
  }
  return {
    exitCode: exit?.code ?? null,
    signal: exit?.signal ?? null,
    exitMs: exit ? exit.at - signalled : Number.POSITIVE_INFINITY,
    inFlightStatus: status ? Number(status[1]) : null,
    inFlightBodyComplete: complete,
    newConnectionsRefused: refusedAfterMs !== null,
    refusedAfterMs,
    stdout: output(),
  };
}
