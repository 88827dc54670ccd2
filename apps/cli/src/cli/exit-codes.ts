/**
 * The exit codes of every `symval` command. Scripts branch on them, so they never change
 * meaning: a new outcome gets a new number.
 */
export const ExitCode = {
  /** The command did what was asked and the answer is yes (valid, symmetric, claimed). */
  ok: 0,
  /** The command ran and the answer is no, for certain (invalid, not symmetric, no claim). */
  negative: 1,
  /** The command line was wrong: unknown command or option, missing or malformed value. */
  usage: 2,
  /** The answer is unknown because something outside symval failed (a DNS timeout, SERVFAIL). */
  indeterminate: 3,
  /** A bug in symval. */
  internal: 4,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What each exit code means, for `--help` and the README. */
export const EXIT_CODE_MEANINGS: readonly (readonly [ExitCode, string])[] = [
  [ExitCode.ok, 'success: valid, symmetric, claimed'],
  [ExitCode.negative, 'a negative answer: invalid, not symmetric, no claim'],
  [ExitCode.usage, 'usage error: unknown command or option, missing or malformed input'],
  [ExitCode.indeterminate, 'indeterminate: DNS or other infrastructure failed, try again'],
  [ExitCode.internal, 'internal error: a bug in symval, please report it'],
];
