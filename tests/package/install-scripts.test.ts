import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';

/**
 * npm 11 warns at every install about dependencies whose install scripts package.json's
 * `allowScripts` does not decide, and npm 12 will not run them: each one is decided here, on
 * purpose (issue 16).
 */
const json = (file: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8'));

describe('install scripts', () => {
  it('allowScripts decides every dependency that has an install script', () => {
    const allow = json('package.json').allowScripts as Record<string, boolean>;
    const lock = json('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.filter((name) => !(name in allow))).toEqual([]);
    // Each decision names a package that still has a script, so none is left behind stale.
    expect(Object.keys(allow).filter((name) => !withScripts.includes(name))).toEqual([]);
  });

  it("skips esbuild's postinstall: its binary comes from the platform package, an optional dependency", () => {
    expect(json('package.json').allowScripts.esbuild).toBe(false);
    const esbuild = json('package-lock.json').packages['node_modules/esbuild'] as {
      optionalDependencies: Record<string, string>;
    };
    expect(Object.keys(esbuild.optionalDependencies)).toContain(`@esbuild/${process.platform}-${process.arch}`);
  });
});
