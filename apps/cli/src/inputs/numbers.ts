import { CliError } from '../cli/errors.js';

/** Bounds and default of an integer option. */
export interface IntegerOptionSpec {
  min: number;
  max: number;
  default: number;
  /** Shown in the hint, e.g. `--concurrency 16`. */
  example: string;
}

/**
 * A whole-number option such as `--concurrency` or `--grace-hours`, within bounds.
 *
 * @throws CliError `input.number` (exit code 2) naming the option, the value and the range.
 */
export function parseIntegerOption(
  name: string,
  value: string | undefined,
  spec: IntegerOptionSpec,
): number {
  if (value === undefined) return spec.default;
  const number = Number(value);
  if (
    !/^\d+$/.test(value) ||
    !Number.isSafeInteger(number) ||
    number < spec.min ||
    number > spec.max
  ) {
    throw new CliError(
      'input.number',
      `--${name} must be a whole number from ${spec.min} to ${spec.max}, received ${JSON.stringify(value)}`,
      { hint: `For example ${spec.example}.` },
    );
  }
  return number;
}
