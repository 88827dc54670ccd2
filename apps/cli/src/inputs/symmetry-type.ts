import { resolveSymmetryType, SYMMETRY_TYPES, type SymmetryType } from '@symval/attestation';
import { CliError } from '../cli/errors.js';
import { columns } from '../cli/help.js';

/** `palindrome (a)` */
export function describeType(type: SymmetryType): string {
  return `${type.name} (${type.code})`;
}

/** The symmetry types as a help table: code, name, hostnames, example. */
export function symmetryTypesHelp(): string {
  return [
    'Symmetry types (--type takes the name or the code):',
    columns(
      SYMMETRY_TYPES.map(
        (type) =>
          [
            `${type.code}  ${type.name}`,
            `${type.hostnames} hostname${type.hostnames === 1 ? ' ' : 's'}  e.g. ${type.example.join(' ')}`,
          ] as const,
      ),
    ),
  ].join('\n');
}

/**
 * The symmetry type named by `--type`, by name or code, ignoring case.
 *
 * @throws CliError `input.type` (exit code 2) listing the valid names and codes.
 */
export function resolveTypeOption(value: string): SymmetryType {
  const type = resolveSymmetryType(value);
  if (type) return type;
  throw new CliError('input.type', `unknown symmetry type ${JSON.stringify(value)}`, {
    hint: `Use a name or a code: ${SYMMETRY_TYPES.map(describeType).join(', ')}.`,
  });
}
