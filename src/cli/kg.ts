#!/usr/bin/env node
import { main } from './main';

// A reader that stops early (`kg export | head`) closes the pipe: that ends the output, it is not a failure to report.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

process.exitCode = await main(process.argv.slice(2));
