import { type AttestResult, attest } from '@symval/attestation';
import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Style } from '../cli/style.js';
import { claimRecord, formatTxtRecord, indent, plural, type TxtRecord } from '../format/index.js';
import {
  createResolverFromOptions,
  DNS_OPTIONS,
  describeType,
  normalizeDomains,
  readOwner,
  resolveTypeOption,
  symmetryTypesHelp,
} from '../inputs/index.js';
import { resolveTableName, TABLE_OPTION } from '../inputs/table.js';
import { type StoreOutcome, storeAttested } from '../records/store-attested.js';

const EXIT_BY_STATUS = {
  valid: ExitCode.ok,
  invalid: ExitCode.negative,
  indeterminate: ExitCode.indeterminate,
} as const;

/**
 * The claim records the group still lacks: hostnames whose lookup answered without the
 * expected ID. Hostnames whose lookup failed are unknown, so they are listed apart.
 */
function missingRecords(result: AttestResult): { missing: TxtRecord[]; unchecked: string[] } {
  const missing: TxtRecord[] = [];
  const unchecked: string[] = [];
  const { expectedId } = result;
  if (expectedId === null) return { missing, unchecked };
  for (const claims of result.claims) {
    if (claims.lookup.status === 'error') unchecked.push(claims.domain);
    else if (!claims.groupIds.includes(expectedId))
      missing.push(claimRecord(claims.domain, expectedId));
  }
  return { missing, unchecked };
}

function formatResult(
  owner: string,
  result: AttestResult,
  missing: readonly TxtRecord[],
  unchecked: readonly string[],
  style: Style,
): string {
  const colour = { valid: style.green, invalid: style.red, indeterminate: style.yellow }[
    result.status
  ];
  const what = result.type ? `${describeType(result.type)} group` : 'group';
  const lines = [
    `${colour(result.status)}: ${what} ${result.hostnames.join(' ')}`.trimEnd(),
    `${style.bold('Expected ID')}  ${result.expectedId ?? '(none: the input is invalid)'}`,
    `${style.bold('Owner')}        ${owner}`,
  ];
  if (result.reasons.length > 0) {
    lines.push('', 'Reasons:');
    for (const reason of result.reasons) {
      lines.push(
        `  - ${reason.code}${reason.domain ? ` (${reason.domain})` : ''}: ${reason.message}`,
      );
    }
  }
  if (missing.length > 0) {
    lines.push('', 'TXT records still missing (create them, then attest again):');
    lines.push(indent(missing.map(formatTxtRecord).join('\n')));
  }
  if (unchecked.length > 0) {
    lines.push(
      '',
      `Not checked, DNS failed: ${unchecked.join(', ')}. Try again later or with another --dns-server.`,
    );
  }
  if (result.ignoredRecords.length > 0) {
    lines.push(
      '',
      style.dim(`Ignored ${result.ignoredRecords.length} TXT record(s) that are not group IDs.`),
    );
  }
  if (result.status === 'valid') {
    lines.push(
      '',
      `Every hostname carries the expected ID (${result.groupIdCount} distinct group ID(s) seen).`,
    );
  }
  return lines.join('\n');
}

function formatStored(stored: StoreOutcome, style: Style): string {
  if (stored.status === 'updated') {
    return `${style.green('Stored')} ${plural(stored.hostnames.length, 'record')} in table ${stored.table} (Rev + 1 each); the snapshot follows once the streamer has run.`;
  }
  if (stored.status === 'conflict') {
    return `${style.yellow('Not stored')}: concurrent writes to the same records cancelled the transaction ${stored.attempts} times; attest again.`;
  }
  return `Not stored in table ${stored.table}: ${stored.reason}.`;
}

/** `symval attest`: the attestation engine over real DNS. */
export const attestCommand = defineCommand({
  name: 'attest',
  summary: 'Attest a group: symmetry, then its _suns claims over DNS',
  description: [
    'Runs the attestation engine: checks the input and the symmetry (no DNS when either fails),',
    'looks up the _suns claims of every hostname, checks that all group IDs on them carry this',
    'owner and that each carries the expected ID. Prints the status (valid, invalid or',
    'indeterminate when DNS failed), the expected ID, the reasons and the TXT records still',
    "missing. Nothing is stored unless --store is given: then a valid group's records are",
    'written to the DynamoDB records table (--table, else DOMAIN_TABLE_NAME) in one',
    'transaction, each Rev going up by one, as the API does.',
    '',
    symmetryTypesHelp(),
  ].join('\n'),
  options: {
    owner: {
      type: 'string',
      value: '<url>',
      required: true,
      description: "The group's owner, exactly as used for the group ID",
    },
    type: {
      type: 'string',
      value: '<name|code>',
      required: true,
      description: 'The symmetry type, as a name (palindrome) or a code (a)',
    },
    ...DNS_OPTIONS,
    store: {
      type: 'boolean',
      description: "Write a valid group's records to the records table (Rev + 1 each)",
    },
    ...TABLE_OPTION,
  },
  operands: { name: 'domain', description: "the group's hostnames", min: 1 },
  examples: [
    {
      command:
        'symval attest --owner https://example.blog --type a etutitsni.elpmaxe.example.institute',
      description: 'attest a palindrome group through the system resolver',
    },
    {
      command:
        'symval attest --owner https://me.example --type e --dns-server 127.0.0.1:5353 me.example.com com.example.me --json',
      description: 'a mirrored pair through a local DNS server, as JSON',
    },
    {
      command:
        'AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000 symval attest --store --table symval-dev-domains --owner https://me.example --type b zq.suns.bz',
      description: 'attest and store the records in DynamoDB Local',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'valid (and stored, with --store)'],
    [ExitCode.negative, 'invalid: a check failed for certain (see the reasons); nothing stored'],
    [
      ExitCode.usage,
      'a missing or malformed owner, type, hostname, DNS server, timeout or table; --table without --store',
    ],
    [
      ExitCode.indeterminate,
      'indeterminate: no check failed, but a DNS lookup did; or --store could not write (AWS, a write conflict)',
    ],
  ],
  async run({ options, operands }, context) {
    const type = resolveTypeOption(options.type);
    const { owner, warnings } = readOwner(options.owner);
    const hostnames = normalizeDomains(operands);
    const resolver = createResolverFromOptions(options, context.env);
    if (options.table !== undefined && !options.store) {
      throw new CliError('usage.conflicting-options', '--table is only used with --store', {
        hint: 'Add --store to write a valid group to that table, or drop --table.',
      });
    }
    // Checked before any lookup, so a missing table name costs no DNS traffic.
    const tableName = options.store
      ? resolveTableName(options.table, context.env, 'attest --store')
      : undefined;

    const result = await attest({ owner, type: type.code, domains: hostnames }, { resolver });
    const stored =
      tableName === undefined ? undefined : await storeAttested(result, tableName, context.env);

    const { missing, unchecked } = missingRecords(result);
    return {
      exitCode:
        stored?.status === 'conflict' ? ExitCode.indeterminate : EXIT_BY_STATUS[result.status],
      warnings,
      json: {
        status: result.status,
        owner,
        type: result.type ? { code: result.type.code, name: result.type.name } : null,
        expectedId: result.expectedId,
        hostnames: result.hostnames,
        reasons: result.reasons,
        missingTxtRecords: missing,
        uncheckedHostnames: unchecked,
        claims: result.claims,
        ignoredRecords: result.ignoredRecords,
        groupIdCount: result.groupIdCount,
        ...(result.records ? { records: result.records } : {}),
        servers: resolver.servers,
        ...(stored ? { stored } : {}),
        warnings,
      },
      human: (style) =>
        [
          formatResult(owner, result, missing, unchecked, style),
          ...(stored ? ['', formatStored(stored, style)] : []),
        ].join('\n'),
    };
  },
});
