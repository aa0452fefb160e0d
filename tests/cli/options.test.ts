import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS, main } from '../../src/cli/main';

/** Runs kg in this process, capturing what it prints. */
async function kg(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
afterEach(() => vi.restoreAllMocks());

describe('kg options (issue 16)', () => {
  it.each(COMMANDS.map((c) => c.name))(
    '%s refuses an option it does not take, with exit 2 and its usage, before doing anything',
    async (name) => {
      const r = await kg(name, '--bogus');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^kg ${name}: Unknown option '--bogus'\\nusage: npm run kg -- ${name}`));
      expect(r.stdout).toBe('');
    },
  );

  it('refuses operands where a command takes none', async () => {
    for (const name of ['validate', 'stats', 'verify', 'export', 'seed', 'serve']) {
      const r = await kg(name, 'stray');
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(/Unexpected argument 'stray'/);
    }
  });

  it('kg --help lists every option of every command', async () => {
    const help = (await kg('--help')).stdout;
    const missing: string[] = [];
    for (const c of COMMANDS) {
      const line = help.split('\n').find((l) => l.startsWith(`  ${c.name}`)) ?? '';
      for (const option of Object.keys(c.options))
        if (!line.includes(`--${option}`)) missing.push(`${c.name} --${option}`);
    }
    expect(missing).toEqual([]);
    expect(help).toContain('--exclude-types');
  });
});
