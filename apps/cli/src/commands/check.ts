import { validateSymmetry } from '@symval/attestation';
import { defineCommand } from '../cli/command.js';
import { ExitCode } from '../cli/exit-codes.js';
import {
  describeType,
  normalizeDomains,
  resolveTypeOption,
  symmetryTypesHelp,
} from '../inputs/index.js';

/** `symval check`: whether hostnames have a symmetry, offline. */
export const checkCommand = defineCommand({
  name: 'check',
  summary: 'Check that hostnames have a symmetry (offline, no DNS)',
  description: [
    'Checks that the hostnames form a group of the given symmetry type: the right number of',
    "hostnames, all different, and the type's rule on their Unicode form. No DNS is asked and",
    'no owner is needed; this is the symmetry step of attestation on its own.',
    '',
    symmetryTypesHelp(),
  ].join('\n'),
  options: {
    type: {
      type: 'string',
      value: '<name|code>',
      required: true,
      description: 'The symmetry type, as a name (palindrome) or a code (a)',
    },
  },
  operands: { name: 'domain', description: "the group's hostnames", min: 1 },
  examples: [
    {
      command: 'symval check --type flip180 zq.suns.bz',
      description: 'a hostname that reads the same turned 180°',
    },
    {
      command: 'symval check --type e me.example.com com.example.me --json',
      description: 'a mirrored pair, as JSON',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'the hostnames have the symmetry'],
    [ExitCode.negative, 'they do not (wrong count, a duplicate, or the rule fails)'],
    [ExitCode.usage, 'an unknown type or a malformed hostname'],
  ],
  async run({ options, operands }) {
    const type = resolveTypeOption(options.type);
    const hostnames = normalizeDomains(operands);
    const result = validateSymmetry(type.code, hostnames);
    const group = hostnames.join(' ');
    return {
      exitCode: result.ok ? ExitCode.ok : ExitCode.negative,
      json: { ...result, type: { code: type.code, name: type.name }, hostnames },
      human: (style) =>
        result.ok
          ? `${style.green('symmetric')}: ${group} is a ${describeType(type)} group`
          : `${style.red('not symmetric')}: ${group} is not a ${describeType(type)} group: ${result.message}`,
    };
  },
});
