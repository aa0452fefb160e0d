import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentBlock, README, statsBlock } from '../../scripts/readme-stats';

describe('README', () => {
  it('"What\'s in the graph" shows the current output of kg stats (npm run docs:stats updates it)', async () => {
    expect(currentBlock(readFileSync(README, 'utf8'))).toBe(await statsBlock());
  });
});
