import { loadConfig } from '../../config';
import { openStore } from '../../store/open';
import { formatStats } from '../format-stats';
import type { Command } from './types';

export const statsCommand: Command = {
  name: 'stats',
  usage: 'stats',
  summary: 'counts per entity kind, relation type and status',
  options: {},
  async run(_args) {
    const store = await openStore(loadConfig());
    console.log(formatStats(await store.stats()));
    await store.close();
    return 0;
  },
};
