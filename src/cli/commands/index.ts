import { exportCommand } from './export';
import { importCommand } from './import';
import { mentionsCommand } from './mentions';
import { seedCommand } from './seed';
import { serveCommand } from './serve';
import { statsCommand } from './stats';
import type { Command } from './types';
import { validateCommand } from './validate';
import { verifyCommand } from './verify';

/** Every kg command, in the order `kg help` lists them. One file per command. */
export const COMMANDS: Command[] = [
  validateCommand,
  verifyCommand,
  statsCommand,
  exportCommand,
  seedCommand,
  serveCommand,
  importCommand,
  mentionsCommand,
];
