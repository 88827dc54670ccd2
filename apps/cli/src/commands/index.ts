import type { Command } from '../cli/command.js';
import { attestCommand } from './attest.js';
import { checkCommand } from './check.js';
import { eraseOwnerCommand } from './erase-owner.js';
import { groupidCommand } from './groupid.js';
import { invokeCommand } from './invoke.js';
import { lookupCommand } from './lookup.js';
import { reattestCommand } from './reattest.js';
import { revalidateCommand } from './revalidate.js';
import { showCommand } from './show.js';
import { smokeCommand } from './smoke.js';
import { validateCommand } from './validate.js';
import { verifyErasureCommand } from './verify-erasure.js';
import { withdrawCommand } from './withdraw.js';

/** Every command, in the order `symval --help` lists them. A new command adds one line. */
export const COMMANDS: readonly Command[] = [
  groupidCommand,
  lookupCommand,
  checkCommand,
  validateCommand,
  attestCommand,
  withdrawCommand,
  showCommand,
  reattestCommand,
  revalidateCommand,
  eraseOwnerCommand,
  verifyErasureCommand,
  invokeCommand,
  smokeCommand,
];

export type { LookupRecord, LookupReport } from './lookup.js';
export { PLANNED_COMMANDS } from './planned.js';
export {
  attestCommand,
  checkCommand,
  eraseOwnerCommand,
  groupidCommand,
  invokeCommand,
  lookupCommand,
  reattestCommand,
  revalidateCommand,
  showCommand,
  smokeCommand,
  validateCommand,
  verifyErasureCommand,
  withdrawCommand,
};
