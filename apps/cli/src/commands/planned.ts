import type { PlannedCommand } from '../cli/help.js';

/**
 * Commands that are designed but not built yet; `symval --help` lists them under "Coming
 * next" and naming one says so rather than "unknown command". Every command of issue 9 is
 * built, so the list is empty; the mechanism stays for the next one.
 */
export const PLANNED_COMMANDS: readonly PlannedCommand[] = [];
