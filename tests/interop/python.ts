import { execFileSync, spawnSync } from 'node:child_process';

/** Python's csv and zipfile modules: independent, real parsers to read our files back with. */
export const HAVE_PYTHON = spawnSync('python3', ['--version']).status === 0;
if (!HAVE_PYTHON) console.warn('CSV/ZIP read-back with Python skipped: python3 not found');

export function pythonReadCsv(file: string): string[][] {
  const script =
    'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))))';
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as string[][];
}

/** name -> text of every member, after Python's zipfile checked the CRCs (testzip). */
export function pythonReadZip(file: string): Record<string, string> {
  const script = [
    'import json,sys,zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'bad = z.testzip()',
    'assert bad is None, "bad CRC in " + str(bad)',
    'print(json.dumps({n: z.read(n).decode("utf-8") for n in z.namelist()}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as Record<string, string>;
}
