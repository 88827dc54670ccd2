import type { Command } from '../cli/command.js';
import { attestCommand } from './attest.js';
import { checkCommand } from './check.js';
import { groupidCommand } from './groupid.js';
import { lookupCommand } from './lookup.js';

/** Every command, in the order `symval --help` lists them. A new command adds one line. */
export const COMMANDS: readonly Command[] = [
  groupidCommand,
  lookupCommand,
  checkCommand,
  attestCommand,
];

export type { LookupRecord, LookupReport } from './lookup.js';
export { PLANNED_COMMANDS } from './planned.js';
export { attestCommand, checkCommand, groupidCommand, lookupCommand };
