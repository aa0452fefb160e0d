import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_RUNTIME_FLAGS } from '../../src/runtime-flags';
import { REPO_ROOT } from '../support/paths';

describe('runtime flags', () => {
  it('the commands a user runs start node with the flags the benchmark builds with', () => {
    const scripts = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    for (const name of ['start', 'kg', 'seed', 'bench']) {
      const command = scripts[name]!.split('&&').at(-1)!.trim().split(/\s+/);
      // node for what users run (the compiled dist/), tsx for the benchmark; the flags come before the script.
      expect(command[0], name).toBe(name === 'bench' ? 'tsx' : 'node');
      expect(command.slice(1, 1 + NODE_RUNTIME_FLAGS.length), name).toEqual([...NODE_RUNTIME_FLAGS]);
    }
  });
});
