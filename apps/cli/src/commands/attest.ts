import { type AttestResult, attest } from '@symval/attestation';
import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Env } from '../cli/io.js';
import type { Style } from '../cli/style.js';
import { claimRecord, formatTxtRecord, indent, plural, type TxtRecord } from '../format/index.js';
import {
  createResolverFromOptions,
  DNS_OPTIONS,
  describeType,
  GROUP_OPTIONS,
  readGroupArgs,
  symmetryTypesHelp,
} from '../inputs/index.js';
import { resolveTableName, TABLE_OPTION } from '../inputs/table.js';
import {
  type StoreOutcome,
  storeAttested,
  storeAttestedInFile,
} from '../records/store-attested.js';
import { FILE_OPTION } from '../sources/records-source.js';

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

function storeName(stored: { table?: string; file?: string }): string {
  return stored.file !== undefined ? `file ${stored.file}` : `table ${stored.table}`;
}

function formatStored(stored: StoreOutcome, style: Style): string {
  if (stored.status === 'updated') {
    const follows =
      stored.file !== undefined
        ? stored.created
          ? '; the file is new'
          : ''
        : '; the snapshot follows once the streamer has run';
    return `${style.green('Stored')} ${plural(stored.hostnames.length, 'record')} in ${storeName(stored)} (Rev + 1 each)${follows}.`;
  }
  if (stored.status === 'conflict') {
    return `${style.yellow('Not stored')}: concurrent writes to the same records cancelled the transaction ${stored.attempts} times; attest again.`;
  }
  return `Not stored in ${storeName(stored)}: ${stored.reason}.`;
}

/** Where `--store` would write: `--file`, else `--table`, else DOMAIN_TABLE_NAME, else unknown. */
type StoreTarget = { kind: 'file'; path: string } | { kind: 'table'; table: string } | null;

function dryRunTarget(
  options: { file?: string | undefined; table?: string | undefined },
  env: Env,
): StoreTarget {
  if (options.file !== undefined) return { kind: 'file', path: options.file };
  const table = options.table ?? (env.DOMAIN_TABLE_NAME || undefined);
  return table === undefined ? null : { kind: 'table', table };
}

/** The dry run's line: what was not written and the flag that writes it. */
function formatDryRun(target: StoreTarget, records: number, style: Style): string {
  const where =
    target === null
      ? ' (to the table named by --table or DOMAIN_TABLE_NAME, or to a local file with --file <path>)'
      : target.kind === 'file'
        ? ` to file ${target.path}`
        : ` to table ${target.table}`;
  return `${style.bold('Dry run')}: nothing was stored. Pass --store to write ${records === 1 ? 'this record' : `these ${records} records`}${where}.`;
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
    'transaction, each Rev going up by one, as the API does, or to a local JSON records file',
    'with --file (no AWS). Without --store it is a dry run and says what --store would write.',
    'The owner and the type may also come as the first two operands, as the Go CLI took them.',
    '',
    symmetryTypesHelp(),
  ].join('\n'),
  usage: [
    '--owner <url> --type <name|code> [options] <domain...>',
    '[options] <owner> <type> <domain...>',
  ],
  options: {
    ...GROUP_OPTIONS,
    ...DNS_OPTIONS,
    store: {
      type: 'boolean',
      description:
        "Write a valid group's records to the records table or --file (Rev + 1 each); without it, a dry run",
    },
    ...TABLE_OPTION,
    file: {
      ...FILE_OPTION.file,
      description:
        "Store in this local JSON records file (the Go CLI's --file store) instead of the table; created if missing",
    },
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
    {
      command: 'symval attest https://me.example flip180 zq.suns.bz --store --file records.json',
      description: 'the positional form, storing in a local JSON file (no AWS)',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'valid (and stored, with --store)'],
    [ExitCode.negative, 'invalid: a check failed for certain (see the reasons); nothing stored'],
    [
      ExitCode.usage,
      'a missing or malformed owner, type, hostname, DNS server, timeout, table or file; --owner without --type; --table with --file',
    ],
    [
      ExitCode.indeterminate,
      'indeterminate: no check failed, but a DNS lookup did; or --store could not write (AWS, a write conflict)',
    ],
  ],
  async run({ options, operands }, context) {
    const { owner, type, hostnames, warnings } = readGroupArgs(options, operands, {
      command: 'attest',
    });
    const resolver = createResolverFromOptions(options, context.env);
    if (options.table !== undefined && options.file !== undefined) {
      throw new CliError(
        'usage.conflicting-options',
        '--table and --file name two different stores',
        {
          hint: '--table writes the DynamoDB table, --file a local JSON file. Give one.',
        },
      );
    }
    // Checked before any lookup, so a missing table name costs no DNS traffic.
    const tableName =
      options.store && options.file === undefined
        ? resolveTableName(options.table, context.env, 'attest --store')
        : undefined;

    const result = await attest({ owner, type: type.code, domains: hostnames }, { resolver });
    const stored = !options.store
      ? undefined
      : options.file !== undefined
        ? await storeAttestedInFile(result, options.file)
        : await storeAttested(result, tableName!, context.env);
    const target = dryRunTarget(options, context.env);
    const wouldWrite = result.status === 'valid' ? (result.records?.length ?? 0) : 0;
    const dryRun = options.store
      ? undefined
      : {
          written: false,
          flag: '--store',
          target:
            target === null
              ? null
              : target.kind === 'file'
                ? target
                : { kind: 'table', table: target.table },
          wouldWrite,
        };

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
        ...(dryRun ? { dryRun } : {}),
        warnings,
      },
      human: (style) =>
        [
          formatResult(owner, result, missing, unchecked, style),
          ...(stored ? ['', formatStored(stored, style)] : []),
          ...(dryRun && wouldWrite > 0 ? ['', formatDryRun(target, wouldWrite, style)] : []),
        ].join('\n'),
    };
  },
});
