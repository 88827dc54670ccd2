import { formatErasureReport, verifyRecordsErasure } from '@symval/records';
import { defineCommand } from '../cli/command.js';
import { ExitCode } from '../cli/exit-codes.js';

/**
 * `dynamite verify-erasure` exits 0 (pass), 1 (fail) and 2 (needs review); this command keeps
 * those numbers so CI jobs written for either read the same. 2 is also the CLI's usage error:
 * a script tells them apart by the output (`--json` has `status: 'review'`, or an `error`).
 */
const EXIT_BY_STATUS = {
  pass: ExitCode.ok,
  fail: ExitCode.negative,
  review: ExitCode.usage,
} as const;

/** `symval verify-erasure`: dynamite's erasure coverage check on the real records schema. */
export const verifyErasureCommand = defineCommand({
  name: 'verify-erasure',
  summary: "Verify the records schema's erasure policy (dynamite's check)",
  description: [
    "Runs dynamite's verifyErasure on the table definitions symval deploys (the records",
    'table from @symval/records), with no database: every table needs an erasure decision',
    'and every attribute marked as personal data must be erased by it (the owner is the',
    'subject; its records are deleted through the byOwner index). --with-checkpoints adds',
    "dynamite's checkpoint table that erase-owner writes to: its decision is 'none' with a",
    'justification, which always needs a person to review it, and the owner ids its erasure',
    'ledger keeps (to erase them again after a restore from backup) are reported as references',
    'that survive.',
    '',
    'The exit codes are those of `dynamite verify-erasure`: 0 pass, 1 fail, 2 needs review',
    '(2 is also what a usage error exits with; --json tells them apart).',
  ].join('\n'),
  options: {
    'with-checkpoints': {
      type: 'boolean',
      description: "Also check dynamite's erasure checkpoint table (needs review by design)",
    },
  },
  operands: { name: 'none', description: 'no operands', min: 0, max: 0 },
  examples: [
    { command: 'symval verify-erasure', description: 'the report, for a person' },
    {
      command: 'symval verify-erasure --json',
      description: 'the report as JSON, for CI (exit code 0, 1 or 2)',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'pass: every table has a decision and every personal attribute is erased'],
    [ExitCode.negative, 'fail: a table without a decision, or personal data erasure misses'],
    [ExitCode.usage, 'needs review (a table whose decision is none); or a usage error'],
  ],
  async run({ options }) {
    const report = verifyRecordsErasure({ withCheckpoints: options['with-checkpoints'] === true });
    return {
      exitCode: EXIT_BY_STATUS[report.status],
      json: report,
      human: () => formatErasureReport(report).trimEnd(),
    };
  },
});
