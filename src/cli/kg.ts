#!/usr/bin/env node
import { isServingProcess } from '../api/processes';
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
// A serving process of `kg serve --processes` keeps a channel to its supervisor, which would keep
// it alive once its work is done or has failed; closing the channel would exit with 0 whatever
// the outcome, so the process exits here with its own code.
if (isServingProcess()) process.exit(process.exitCode);
