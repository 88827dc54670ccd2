import type { PlannedCommand } from '../cli/help.js';

/**
 * Commands that are designed but wait on packages still being built; `symval --help` lists
 * them and naming one says so rather than "unknown command".
 */
export const PLANNED_COMMANDS: readonly PlannedCommand[] = [
  { name: 'show', summary: 'List records from the snapshot or the table, filtered and sorted' },
  { name: 'reattest', summary: 'Re-attest every group (dry run unless --apply), with progress' },
  { name: 'revalidate', summary: 'Check stored records offline: IDs recomputed, symmetry valid' },
  { name: 'erase-owner', summary: 'Erase everything of one owner after showing the plan' },
  { name: 'verify-erasure', summary: 'Verify the erasure policies against the real schema' },
  { name: 'invoke', summary: 'Invoke a symval Lambda function, on AWS or the local stack' },
];
