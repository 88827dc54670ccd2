import {
  createDnsClaimResolver,
  type DnsClaimResolver,
  DnsClaimsError,
  parseDnsServers,
} from '@symval/dns-claims';
import type { OptionSpecs } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Env } from '../cli/io.js';

/** The options of every command that asks DNS. */
export const DNS_OPTIONS = {
  'dns-server': {
    type: 'string',
    multiple: true,
    value: '<host:port>',
    description: 'A DNS server, e.g. 127.0.0.1:5353 or [::1]:53; repeatable (default: DNS_SERVERS)',
  },
  timeout: {
    type: 'string',
    value: '<ms>',
    description: 'Milliseconds to wait for one server on one try, 1 to 60000 (default 2000)',
  },
} as const satisfies OptionSpecs;

/** The parsed {@link DNS_OPTIONS}. */
export interface DnsOptionValues {
  'dns-server'?: string[] | undefined;
  timeout?: string | undefined;
}

function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(ms) || ms < 1 || ms > 60_000) {
    throw new CliError(
      'input.timeout',
      `--timeout must be a whole number of milliseconds from 1 to 60000, received ${JSON.stringify(value)}`,
      { hint: 'For example --timeout 2000.' },
    );
  }
  return ms;
}

function parseServers(options: DnsOptionValues, env: Env): string[] | undefined {
  const fromOption = options['dns-server'];
  const source = fromOption ? '--dns-server' : 'DNS_SERVERS';
  try {
    return fromOption ? parseDnsServers(fromOption.join(',')) : parseDnsServers(env.DNS_SERVERS);
  } catch (error) {
    if (!(error instanceof DnsClaimsError)) throw error;
    throw new CliError('input.dns-server', `${source}: ${error.message}`, {
      hint: 'Give IP addresses with an optional port: 127.0.0.1:5353, [::1]:53 or 9.9.9.9.',
      cause: error,
    });
  }
}

/**
 * A claim resolver over real DNS from `--dns-server` (repeated), else `DNS_SERVERS`, else the
 * system resolver, with `--timeout`.
 *
 * @throws CliError `input.dns-server` or `input.timeout` (exit code 2) for bad values;
 *   `dns.no-servers` (exit code 3) when the system lists no resolver.
 */
export function createResolverFromOptions(options: DnsOptionValues, env: Env): DnsClaimResolver {
  const timeoutMs = parseTimeout(options.timeout);
  const servers = parseServers(options, env);
  try {
    return createDnsClaimResolver({
      ...(servers ? { servers } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
  } catch (error) {
    if (!(error instanceof DnsClaimsError)) throw error;
    throw new CliError('dns.no-servers', error.message, {
      exitCode: ExitCode.indeterminate,
      hint: 'Pass --dns-server <host:port> or set DNS_SERVERS.',
      cause: error,
    });
  }
}
