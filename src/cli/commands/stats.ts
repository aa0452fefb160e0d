import { loadConfig } from '../../config';
import type { StoreStats } from '../../model';
import { openStore } from '../../store/open';
import type { Command } from './types';

export const statsCommand: Command = {
  name: 'stats',
  usage: 'stats',
  summary: 'counts per entity kind, relation type and status',
  options: {},
  async run() {
    const store = await openStore(loadConfig());
    console.log(formatStats(await store.stats()));
    await store.close();
    return 0;
  },
};

/** Stats as a plain-text report: the README's "What's in the graph" section is this output. */
export function formatStats(s: StoreStats): string {
  const table = (title: string, counts: Record<string, number>) => {
    const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const width = Math.max(title.length, ...rows.map(([k]) => k.length));
    return [title, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${String(v).padStart(5)}`)].join('\n');
  };
  const dated = `${Math.round(s.datedShare * 100)}% of relations dated`;
  return [
    `${s.entities} entities, ${s.relations} relations, ${s.sources} sources; ${dated}`,
    table('entities by kind', s.byKind),
    table('relations by type', s.byType),
    table('relations by status', s.byStatus),
  ].join('\n\n');
}
