import type { DnsClaimLookup } from '@symval/dns-claims';
import { type ParsedGroupId, safeParseGroupId } from '@symval/groupid';
import { defineCommand } from '../cli/command.js';
import { ExitCode as Exit, type ExitCode } from '../cli/exit-codes.js';
import type { Style } from '../cli/style.js';
import { indent, plural } from '../format/index.js';
import { createResolverFromOptions, DNS_OPTIONS, normalizeDomains } from '../inputs/index.js';

/** One TXT record found at `_suns.<hostname>`, parsed as a group ID where it is one. */
export interface LookupRecord {
  value: string;
  /** The parts, when the record is a group ID; `null` for other records (which are ignored). */
  groupId: Omit<ParsedGroupId, 'raw'> | null;
}

/** A lookup with its records parsed. */
export type LookupReport = DnsClaimLookup & { parsedRecords?: LookupRecord[] };

function parseRecords(records: readonly string[]): LookupRecord[] {
  return records.map((value) => {
    const parsed = safeParseGroupId(value);
    if (parsed instanceof Error) return { value, groupId: null };
    const { raw: _raw, ...parts } = parsed;
    return { value, groupId: parts };
  });
}

function hasClaim(report: LookupReport): boolean {
  return report.parsedRecords?.some((record) => record.groupId !== null) ?? false;
}

/**
 * 1 when some hostname certainly has no claim, else 3 when some lookup failed, else 0: the
 * same precedence as attestation, where a certain failure outweighs an unknown.
 */
function exitCodeOf(reports: readonly LookupReport[]): ExitCode {
  if (reports.some((report) => report.status !== 'error' && !hasClaim(report)))
    return Exit.negative;
  if (reports.some((report) => report.status === 'error')) return Exit.indeterminate;
  return Exit.ok;
}

function formatReport(report: LookupReport, style: Style): string {
  const head = style.bold(report.domain);
  if (report.status === 'error') {
    return [
      `${head}  ${style.yellow(`DNS error (${report.code})`)} asking ${report.name}`,
      indent(report.message),
      indent('The claims are unknown, not missing: try again, or ask another --dns-server.'),
    ].join('\n');
  }
  if (report.status === 'none') {
    return `${head}  ${style.red(`no claim (${report.reason})`)}: ${report.detail}`;
  }
  const records = report.parsedRecords ?? [];
  const where = report.via ? `${report.via} (CNAME from ${report.name})` : report.name;
  const lines = records.map((record) =>
    record.groupId
      ? `${record.value}  ${style.dim(`group ID, type ${record.groupId.typeCode}`)}`
      : `${record.value}  ${style.dim('not a group ID, ignored')}`,
  );
  const status = hasClaim(report) ? style.green('found') : style.red('found, but no group ID');
  return [
    `${head}  ${status}: ${plural(records.length, 'TXT record')} at ${where}`,
    indent(lines.join('\n')),
  ].join('\n');
}

/** `symval lookup`: the `_suns` claims of hostnames over DNS, with their status. */
export const lookupCommand = defineCommand({
  name: 'lookup',
  summary: 'Look up the _suns TXT claims of hostnames over DNS',
  description: [
    'Asks DNS for the TXT records at _suns.<hostname> of each hostname (following one CNAME',
    'hop) and shows what it found: the records, parsed as group IDs where they are one; no',
    'claim (the name does not exist, or has no TXT records); or a DNS error, which means the',
    'claims are unknown. A hostname counts as claimed when one of its records is a group ID.',
  ].join('\n'),
  options: { ...DNS_OPTIONS },
  operands: { name: 'domain', description: 'hostnames to look up', min: 1 },
  examples: [
    {
      command: 'symval lookup zq.suns.bz',
      description: 'the claims of one hostname, via the system resolver',
    },
    {
      command:
        'symval lookup --dns-server 127.0.0.1:5353 --timeout 500 me.example.com com.example.me --json',
      description: 'two hostnames through a local DNS server, as JSON',
    },
  ],
  exitCodes: [
    [Exit.ok, 'every hostname has at least one group ID record'],
    [Exit.negative, 'some hostname has no claim (no record, or none that is a group ID)'],
    [Exit.usage, 'a malformed hostname, DNS server or timeout'],
    [
      Exit.indeterminate,
      'no claim is missing for certain, but some lookup failed (timeout, SERVFAIL)',
    ],
  ],
  async run({ options, operands }, context) {
    const hostnames = normalizeDomains(operands);
    const resolver = createResolverFromOptions(options, context.env);
    const lookups = await Promise.all(hostnames.map((hostname) => resolver.lookup(hostname)));
    const reports: LookupReport[] = lookups.map((lookup) =>
      lookup.status === 'found'
        ? { ...lookup, parsedRecords: parseRecords(lookup.records) }
        : lookup,
    );
    const exitCode = exitCodeOf(reports);
    const claimed = reports.filter(hasClaim).length;
    const failed = reports.filter((report) => report.status === 'error').length;
    return {
      exitCode,
      json: { servers: resolver.servers, lookups: reports },
      human: (style) =>
        [
          ...reports.map((report) => formatReport(report, style)),
          '',
          `${plural(reports.length, 'hostname')}: ${claimed} claimed, ${reports.length - claimed - failed} without a claim, ${failed} unknown (asked ${resolver.servers.join(', ')}).`,
        ].join('\n'),
    };
  },
});
