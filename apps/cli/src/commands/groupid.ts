import { validateSymmetry } from '@symval/attestation';
import { calculateGroupIdV1 } from '@symval/groupid';
import { defineCommand } from '../cli/command.js';
import { ExitCode } from '../cli/exit-codes.js';
import { claimRecord, formatTxtRecord, indent } from '../format/index.js';
import { describeType, GROUP_OPTIONS, readGroupArgs, symmetryTypesHelp } from '../inputs/index.js';

/** `symval groupid`: the group ID of an owner, a type and hostnames, and the records to publish. */
export const groupidCommand = defineCommand({
  name: 'groupid',
  summary: 'Calculate a group ID and the _suns TXT records to publish',
  description: [
    "Calculates the v1 group ID of an owner, a symmetry type and the group's hostnames, and",
    'lists the TXT record to create at _suns.<hostname> for each of them. Hostnames are',
    'normalised first (lowercase, no trailing dot, Unicode to xn--). Offline: no DNS is asked.',
    "It warns when the hostnames lack the type's symmetry, since attestation would reject them.",
    'The owner and the type may also come as the first two operands, as the Go CLI took them.',
    '',
    symmetryTypesHelp(),
  ].join('\n'),
  usage: [
    '--owner <url> --type <name|code> [options] <domain...>',
    '[options] <owner> <type> <domain...>',
  ],
  options: { ...GROUP_OPTIONS },
  operands: { name: 'domain', description: "the group's hostnames", min: 1 },
  examples: [
    {
      command:
        'symval groupid --owner https://example.blog --type a etutitsni.elpmaxe.example.institute',
      description: 'the ID of a one-hostname palindrome group, and its TXT record',
    },
    {
      command:
        'symval groupid --owner https://me.example --type mirrornames me.example.com com.example.me --json',
      description: 'a two-hostname group, as JSON',
    },
    {
      command: 'symval groupid https://me.example flip180 zq.suns.bz',
      description: 'the positional form: owner, type, then the hostnames',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'the group ID was calculated (even if the symmetry check warned)'],
    [
      ExitCode.usage,
      'a missing or malformed owner, type or hostname; --owner without --type (or the reverse)',
    ],
  ],
  async run({ options, operands }) {
    const { owner, type, hostnames, warnings } = readGroupArgs(options, operands, {
      command: 'groupid',
    });
    const groupId = calculateGroupIdV1(owner, type.code, hostnames);
    const symmetry = validateSymmetry(type.code, hostnames);
    if (!symmetry.ok) {
      warnings.push(
        `these hostnames are not a valid ${describeType(type)} group, so attestation will reject them: ${symmetry.message}`,
      );
    }
    const txtRecords = hostnames.map((hostname) => claimRecord(hostname, groupId));
    return {
      exitCode: ExitCode.ok,
      warnings,
      json: {
        groupId,
        owner,
        type: { code: type.code, name: type.name },
        hostnames,
        txtRecords,
        symmetry,
        warnings,
      },
      human: (style) =>
        [
          `${style.bold('Group ID')}  ${groupId}`,
          `${style.bold('Type')}      ${describeType(type)}`,
          `${style.bold('Owner')}     ${owner}`,
          '',
          `Create ${txtRecords.length === 1 ? 'this TXT record' : `these ${txtRecords.length} TXT records`}, then run 'symval attest' with the same owner, type and hostnames:`,
          indent(txtRecords.map(formatTxtRecord).join('\n')),
        ].join('\n'),
    };
  },
});
