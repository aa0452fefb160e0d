import { stringify } from 'yaml';

/** A data file in the seed layout: a header comment, then each item with where it came from. */
export function renderDataFile(header: string, items: { value: object; from: string }[]): string {
  const body = items.map((i) => `# from ${i.from}\n${stringify([dropEmpty(i.value)], { lineWidth: 0 })}`).join('');
  return header + body;
}

/** Defaults the schema fills in (empty lists) are left out, as a person writing the file would. */
function dropEmpty(value: object): object {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
}
