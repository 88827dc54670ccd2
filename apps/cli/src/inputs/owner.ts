import { CliError } from '../cli/errors.js';

/** The `--owner` value and anything worth warning about. */
export interface OwnerInput {
  owner: string;
  warnings: string[];
}

/**
 * Checks `--owner`. The owner is hashed exactly as given, so it is not trimmed; surrounding
 * whitespace (often a quoting slip) earns a warning instead.
 *
 * @throws CliError `input.owner` (exit code 2) when it is empty.
 */
export function readOwner(value: string): OwnerInput {
  if (value.length === 0) {
    throw new CliError('input.owner', '--owner must not be empty', {
      hint: 'Give the owner string you publish under, e.g. --owner https://example.blog',
    });
  }
  const warnings =
    value.trim() === value
      ? []
      : [
          `the owner ${JSON.stringify(value)} has surrounding whitespace; it is hashed as given, so the group ID differs from the one without it`,
        ];
  return { owner: value, warnings };
}
