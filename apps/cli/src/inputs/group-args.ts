import { resolveSymmetryType, type SymmetryType } from '@symval/attestation';
import { normalizeHostname } from '@symval/groupid';
import type { OptionSpecs } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { normalizeDomains } from './hostnames.js';
import { readOwner } from './owner.js';
import { resolveTypeOption } from './symmetry-type.js';

/**
 * `--owner` and `--type`, for the commands that name a group. Neither is required by the
 * parser: without both, the first operands are the owner and the type (the positional form of
 * the Go CLI, `symval attest <owner> <type> <domain>...`), and {@link readGroupArgs} decides.
 */
export const GROUP_OPTIONS = {
  owner: {
    type: 'string',
    value: '<url>',
    description:
      "The group's owner, hashed exactly as given (or give it as the first operand, with the type second)",
  },
  type: {
    type: 'string',
    value: '<name|code>',
    description: 'The symmetry type, as a name (palindrome) or a code (a)',
  },
} as const satisfies OptionSpecs;

/** A group named on the command line, in either form. */
export interface GroupArgs {
  form: 'flags' | 'positional';
  owner: string;
  type: SymmetryType;
  /** `validate` only: the group ID to check. */
  groupId?: string;
  /** The hostnames exactly as typed, in order. */
  givenHostnames: string[];
  /** The hostnames in normal form, in the same order. */
  hostnames: string[];
  warnings: string[];
}

/** Options of {@link readGroupArgs}. */
export interface ReadGroupArgsOptions {
  /** The command's name, for messages. */
  command: string;
  /** `validate`: a group ID comes after the type (or with `--group`). */
  withGroupId?: boolean;
}

function operandNames(withGroupId: boolean): string {
  return withGroupId ? '<owner> <type> <groupid> <domain...>' : '<owner> <type> <domain...>';
}

function flagForm(command: string, withGroupId: boolean): string {
  return `symval ${command} --owner <url> --type <name|code>${withGroupId ? ' --group <groupid>' : ''} <domain...>`;
}

function positionalForm(command: string, withGroupId: boolean): string {
  return `symval ${command} ${operandNames(withGroupId)}`;
}

function isHostname(text: string | undefined): boolean {
  return text !== undefined && normalizeHostname(text).ok;
}

/**
 * Hostnames of the flag form: every operand. A type name among them (single-label, so never a
 * hostname) is most likely the positional form typed next to the flags; saying so beats
 * "not a hostname".
 */
function flagHostnames(operands: readonly string[], command: string, withGroupId: boolean) {
  const stray = operands.find((operand) => !isHostname(operand) && resolveSymmetryType(operand));
  if (stray !== undefined) {
    throw new CliError(
      'usage.operands',
      `with --owner and --type given, every operand is a hostname, and ${JSON.stringify(stray)} is a symmetry type`,
      {
        hint: `Write either ${flagForm(command, withGroupId)} or ${positionalForm(command, withGroupId)}, not both.`,
      },
    );
  }
  if (operands.length === 0) {
    throw new CliError('usage.operands', `'${command}' needs at least one hostname`, {
      hint: `For example: ${flagForm(command, withGroupId)}.`,
    });
  }
  return normalizeDomains(operands);
}

function readPositionalType(
  operands: readonly string[],
  command: string,
  withGroupId: boolean,
): SymmetryType {
  const [owner, typeText] = operands as [string, string];
  const type = resolveSymmetryType(typeText);
  if (type) return type;
  // The likeliest slips: only hostnames given, or owner and type swapped.
  const onlyHostnames = operands.every(isHostname);
  const swapped = resolveSymmetryType(owner) !== undefined;
  const hint = onlyHostnames
    ? `These look like hostnames only: add the owner and the type, as ${positionalForm(command, withGroupId)} or with --owner and --type.`
    : swapped
      ? `The owner comes first, then the type: ${positionalForm(command, withGroupId)}.`
      : `Use a type name or code (palindrome or a, flip180 or b, …; 'symval check --help' lists them), or the flags: ${flagForm(command, withGroupId)}.`;
  throw new CliError(
    'input.type',
    `in ${positionalForm(command, withGroupId)} the second operand is the symmetry type, and ${JSON.stringify(typeText)} is not one`,
    { hint },
  );
}

/**
 * Reads the group a command names, from `--owner` and `--type` (every operand a hostname) or,
 * when neither flag is given, from the operands `<owner> <type> [<groupid>] <domain...>` as
 * the Go CLI took them. Giving one flag but not the other is refused, since it leaves unclear
 * which operands are which.
 *
 * @throws CliError (exit code 2): `usage.missing-option` for one flag without the other,
 *   `usage.operands` for too few operands or a type among the hostnames of the flag form,
 *   `input.type`, `input.owner`, `input.hostname` for bad values.
 */
export function readGroupArgs(
  options: { owner?: string | undefined; type?: string | undefined; group?: string | undefined },
  operands: readonly string[],
  { command, withGroupId = false }: ReadGroupArgsOptions,
): GroupArgs {
  const flags = [
    options.owner !== undefined ? '--owner' : undefined,
    options.type !== undefined ? '--type' : undefined,
    withGroupId && options.group !== undefined ? '--group' : undefined,
  ].filter((flag): flag is string => flag !== undefined);
  const allFlags = withGroupId ? 3 : 2;

  if (flags.length === allFlags) {
    const type = resolveTypeOption(options.type!);
    const { owner, warnings } = readOwner(options.owner!);
    const hostnames = flagHostnames(operands, command, withGroupId);
    return {
      form: 'flags',
      owner,
      type,
      ...(withGroupId ? { groupId: options.group! } : {}),
      givenHostnames: [...operands],
      hostnames,
      warnings,
    };
  }
  if (flags.length > 0) {
    const missing = ['--owner', '--type', ...(withGroupId ? ['--group'] : [])].filter(
      (flag) => !flags.includes(flag),
    );
    throw new CliError(
      'usage.missing-option',
      `${flags.join(' and ')} ${flags.length === 1 ? 'was' : 'were'} given without ${missing.join(' and ')}: give ${allFlags === 2 ? 'both' : 'all three'}, or none and name the group by its operands`,
      {
        hint: `Write ${flagForm(command, withGroupId)} or ${positionalForm(command, withGroupId)}.`,
      },
    );
  }

  const needed = withGroupId ? 4 : 3;
  if (operands.length < needed) {
    const onlyHostnames = operands.length > 0 && operands.every(isHostname);
    throw new CliError(
      'usage.operands',
      `'${command}' needs ${withGroupId ? 'an owner, a type, a group ID' : 'an owner, a type'} and at least one hostname, received ${operands.length} operand${operands.length === 1 ? '' : 's'}${onlyHostnames ? ' that look like hostnames only' : ''}`,
      {
        hint: `Write ${flagForm(command, withGroupId)} or ${positionalForm(command, withGroupId)}.`,
      },
    );
  }
  const type = readPositionalType(operands, command, withGroupId);
  const { owner, warnings } = readOwnerOperand(operands[0]!, command, withGroupId);
  const rest = operands.slice(withGroupId ? 3 : 2);
  const groupId = withGroupId ? operands[2]! : undefined;
  return {
    form: 'positional',
    owner,
    type,
    ...(groupId !== undefined ? { groupId } : {}),
    givenHostnames: rest,
    hostnames: normalizeDomains(rest),
    warnings,
  };
}

function readOwnerOperand(value: string, command: string, withGroupId: boolean) {
  try {
    return readOwner(value);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    throw new CliError('input.owner', 'the owner (the first operand) must not be empty', {
      hint: `Write ${positionalForm(command, withGroupId)}, e.g. symval ${command} https://me.example flip180 ${withGroupId ? 'v1:b:… ' : ''}zq.suns.bz.`,
      cause: error,
    });
  }
}
