import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  loadAverageAtStart: number[];
}

export function machineInfo(): MachineInfo {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function packageVersion(repo: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function versions(repo: string): Record<string, string> {
  let chromium = 'not found';
  try {
    chromium = execSync('/usr/bin/chromium --version', { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* reported as not found */
  }
  return {
    node: process.version,
    graphology: packageVersion(repo, 'graphology'),
    sigma: packageVersion(repo, 'sigma'),
    kuzu: packageVersion(repo, 'kuzu'),
    'graphology-communities-louvain': packageVersion(repo, 'graphology-communities-louvain'),
    'graphology-metrics': packageVersion(repo, 'graphology-metrics'),
    autocannon: packageVersion(repo, 'autocannon'),
    'neo4j-driver': packageVersion(repo, 'neo4j-driver'),
    chromium,
  };
}
