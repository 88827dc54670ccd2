import { validateSymmetry } from '@symval/attestation';
import { calculateGroupIdV1, type ParsedGroupId, safeParseGroupId } from '@symval/groupid';
import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import { describeType, GROUP_OPTIONS, readGroupArgs, symmetryTypesHelp } from '../inputs/index.js';

/** What can be wrong with a group ID and its parts, found offline. */
export type ValidateProblemCode =
  | 'type-mismatch'
  | 'owner-mismatch'
  | 'hostnames-mismatch'
  | 'symmetry-failed';

/** One problem `validate` found. */
export interface ValidateProblem {
  code: ValidateProblemCode;
  message: string;
}

/**
 * Which part of `given` differs from `expected`: the type, the owner hash (the ID was made
 * for another owner) or the hostnames hash (other hostnames, or the same in another form).
 */
function mismatches(
  given: ParsedGroupId,
  expected: ParsedGroupId,
  owner: string,
  typeCode: string,
): ValidateProblem[] {
  const problems: ValidateProblem[] = [];
  if (given.typeCode !== expected.typeCode) {
    problems.push({
      code: 'type-mismatch',
      message: `the group ID is of type ${given.typeCode}, not ${typeCode}`,
    });
  }
  if (given.ownerHash !== expected.ownerHash) {
    problems.push({
      code: 'owner-mismatch',
      message: `the group ID was made for another owner than ${JSON.stringify(owner)} (its owner hash is ${given.ownerHash}, this owner's is ${expected.ownerHash}); the owner is hashed exactly as given`,
    });
  }
  if (given.domainsHash !== expected.domainsHash) {
    problems.push({
      code: 'hostnames-mismatch',
      message: `the group ID was made from other hostnames (its hostnames hash is ${given.domainsHash}, these give ${expected.domainsHash})`,
    });
  }
  return problems;
}

function readGroupId(text: string): ParsedGroupId {
  const parsed = safeParseGroupId(text);
  if (parsed instanceof Error) {
    throw new CliError('input.group-id', `not a group ID: ${parsed.message}`, {
      hint: 'Give the v1 group ID as published in the _suns TXT record, e.g. v1:b:<owner hash>:<hostnames hash>; symval groupid calculates one.',
    });
  }
  return parsed;
}

/** `symval validate`: a group ID checked against its parts, offline. */
export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'Check a group ID against its owner, type and hostnames, and the symmetry (offline)',
  description: [
    'Recomputes the v1 group ID from the owner, the type and the hostnames, compares it with',
    'the given one (naming the part that differs: type, owner or hostnames) and checks the',
    "hostnames' symmetry. No DNS is asked and nothing is stored. The hostnames are tried as",
    'given and in normal form: IDs made before symval normalised input (an uppercase hostname,',
    'a trailing dot) are valid as given, and the output says so.',
    '',
    "The positional form is the Go CLI's: symval validate <owner> <type> <groupid> <domain...>.",
    '',
    symmetryTypesHelp(),
  ].join('\n'),
  usage: [
    '[options] <owner> <type> <groupid> <domain...>',
    '--owner <url> --type <name|code> --group <groupid> [options] <domain...>',
  ],
  options: {
    ...GROUP_OPTIONS,
    group: {
      type: 'string',
      value: '<groupid>',
      description: 'The group ID to check (or give it as the third operand)',
    },
  },
  operands: { name: 'domain', description: "the group's hostnames", min: 1 },
  examples: [
    {
      command:
        'symval validate https://example.blog palindrome v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs= etutitsni.elpmaxe.example.institute',
      description: 'a group ID and the parts it should be made from',
    },
    {
      command:
        'symval validate --owner https://me.example --type e --group v1:e:ZG7gXaONFG50WSBi6bqI0h8bsaM8odkoubQrI7gNWyg=:1blBS3bx4aVtlJZM8VJHLkRmbi5tWXZ1jA3TV3UBE9o= me.example.com com.example.me --json',
      description: 'the flag form, for a mirrored pair, as JSON',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'the group ID is the one these parts make, and the hostnames have the symmetry'],
    [ExitCode.negative, 'it is not (the part that differs is named), or the symmetry fails'],
    [ExitCode.usage, 'a malformed owner, type, group ID or hostname; a missing operand'],
  ],
  async run({ options, operands }) {
    const group = readGroupArgs(options, operands, { command: 'validate', withGroupId: true });
    const given = readGroupId(group.groupId!);
    const { owner, type, hostnames, givenHostnames } = group;
    const normalId = calculateGroupIdV1(owner, type.code, hostnames);
    const asGivenId = calculateGroupIdV1(owner, type.code, givenHostnames);
    const match =
      given.raw === normalId ? 'normalized' : given.raw === asGivenId ? 'as-given' : null;
    const problems: ValidateProblem[] =
      match === null ? mismatches(given, readGroupId(normalId), owner, type.code) : [];
    const symmetry = validateSymmetry(type.code, hostnames);
    if (!symmetry.ok) problems.push({ code: 'symmetry-failed', message: symmetry.message });
    const warnings = [...group.warnings];
    if (match === 'as-given') {
      warnings.push(
        `the group ID matches the hostnames as given (${givenHostnames.join(' ')}), not their normal form (${hostnames.join(' ')}): it was made before input was normalised; stored groups like it stay valid, and a new attestation of these hostnames gets ${normalId}`,
      );
    }
    const valid = problems.length === 0;
    const what = `${describeType(type)} group ${hostnames.join(' ')}`;
    return {
      exitCode: valid ? ExitCode.ok : ExitCode.negative,
      warnings,
      json: {
        valid,
        groupId: given.raw,
        owner,
        type: { code: type.code, name: type.name },
        hostnames,
        givenHostnames,
        expectedId: normalId,
        expectedIdAsGiven: asGivenId,
        match,
        symmetry,
        problems,
        warnings,
      },
      human: (style) =>
        [
          valid
            ? `${style.green('valid')}: ${given.raw} is the group ID of the ${what}`
            : `${style.red('invalid')}: ${given.raw} is not a valid group ID of the ${what}`,
          `${style.bold('Owner')}        ${owner}`,
          `${style.bold('Expected ID')}  ${match === 'as-given' ? asGivenId : normalId}`,
          ...(problems.length > 0
            ? ['', 'Problems:', ...problems.map((p) => `  - ${p.code}: ${p.message}`)]
            : []),
        ].join('\n'),
    };
  },
});
