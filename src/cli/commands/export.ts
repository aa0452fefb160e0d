import { parseArgs } from 'node:util';
import { loadConfig } from '../../config';
import { openStore } from '../../store/open';
import type { Command } from './types';

export const exportCommand: Command = {
  name: 'export',
  usage: 'export --format json',
  summary: 'print the whole graph (graphology serialisation) to stdout',
  async run(args) {
    const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'json' } } });
    if (values.format !== 'json') {
      console.error(`export: unknown format "${values.format}"; available: json`);
      return 2;
    }
    const store = await openStore(loadConfig());
    process.stdout.write(`${JSON.stringify(await store.graph())}\n`);
    await store.close();
    return 0;
  },
};
