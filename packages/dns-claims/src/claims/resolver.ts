import { normalizeHostname } from '@symval/groupid';
import { DnsClaimsError } from '../errors.js';
import { createLimiter } from '../limit/limiter.js';
import { type DnsServerAddress, parseDnsServer, systemDnsServers } from '../options/servers.js';
import { type QueryOutcome, type QuerySettings, queryDns } from '../transport/query.js';
import { RecordType } from '../wire/codec.js';
import { interpretTxtAnswer, showChain } from './interpret.js';
import type { DnsClaimLookup } from './types.js';

/** Options of {@link createDnsClaimResolver}. */
export interface DnsClaimResolverOptions {
  /**
   * Servers as `host:port` (IPv6 as `[::1]:53`; the port defaults to 53), tried in order.
   * Default: the system resolver's servers (`dns.getServers()`, from `/etc/resolv.conf`).
   */
  servers?: readonly string[];
  /** Milliseconds to wait for one server on one try. Default 2000. */
  timeoutMs?: number;
  /** Rounds over the server list before giving up. Default 2. */
  tries?: number;
  /** Lookups in flight at once; more wait in call order. Default 16. */
  concurrency?: number;
  /** EDNS0 UDP payload size to advertise (512 to 4096), or 0 for none. Default 1232. */
  ednsPayloadSize?: number;
}

/** Looks up `_suns` claims. */
export interface DnsClaimResolver {
  /**
   * The claims of one hostname. Never rejects for DNS or input problems: those are results
   * (`status: 'error'`, with `code: 'invalid-hostname'` for input that is not a hostname).
   */
  lookup(domain: string): Promise<DnsClaimLookup>;
  /** The servers in use, as `host:port`. */
  readonly servers: readonly string[];
}

const DEFAULTS = { timeoutMs: 2000, tries: 2, concurrency: 16, ednsPayloadSize: 1232 };
const KNOWN = new Set(['servers', 'timeoutMs', 'tries', 'concurrency', 'ednsPayloadSize']);
// `_suns.` plus the hostname must still fit in 253 characters.
const MAX_CLAIMED_HOSTNAME = 253 - '_suns.'.length;

function integer(name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DnsClaimsError(
      'options.invalid',
      `${name} must be an integer from ${min} to ${max}, received ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return value;
}

function settingsFrom(options: DnsClaimResolverOptions): QuerySettings & { concurrency: number } {
  if (typeof options !== 'object' || options === null) {
    throw new DnsClaimsError(
      'options.invalid',
      `options must be an object, received ${String(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) {
      throw new DnsClaimsError(
        'options.invalid',
        `unknown option ${JSON.stringify(key)}; known options are ${[...KNOWN].join(', ')}`,
      );
    }
  }
  let servers: DnsServerAddress[];
  if (options.servers === undefined) {
    servers = systemDnsServers();
    if (servers.length === 0) {
      throw new DnsClaimsError(
        'options.invalid',
        'the system resolver lists no DNS servers; pass servers (e.g. from DNS_SERVERS)',
      );
    }
  } else {
    if (!Array.isArray(options.servers) || options.servers.length === 0) {
      throw new DnsClaimsError(
        'options.invalid',
        `servers must be a non-empty array of "host:port" strings, received ${JSON.stringify(options.servers)}`,
      );
    }
    servers = options.servers.map((entry) => parseDnsServer(String(entry)));
  }
  const edns = options.ednsPayloadSize;
  if (edns !== undefined && edns !== 0) integer('ednsPayloadSize', edns, 512, 4096, 0);
  return {
    servers,
    timeoutMs: integer('timeoutMs', options.timeoutMs, 1, 60_000, DEFAULTS.timeoutMs),
    tries: integer('tries', options.tries, 1, 10, DEFAULTS.tries),
    concurrency: integer('concurrency', options.concurrency, 1, 1024, DEFAULTS.concurrency),
    ednsPayloadSize: integer('ednsPayloadSize', edns, 0, 4096, DEFAULTS.ednsPayloadSize),
  };
}

function errorLookup(
  domain: string,
  name: string,
  outcome: Extract<QueryOutcome, { ok: false }>,
): DnsClaimLookup {
  return { status: 'error', domain, name, code: outcome.code, message: outcome.message };
}

async function lookupNormalised(domain: string, settings: QuerySettings): Promise<DnsClaimLookup> {
  const name = `_suns.${domain}`;
  const first = await queryDns(name, RecordType.TXT, settings);
  if (!first.ok) return errorLookup(domain, name, first);
  const answer = interpretTxtAnswer(name, first.message);
  if (answer.kind === 'found') {
    const found: DnsClaimLookup = { status: 'found', domain, name, records: answer.records };
    if (answer.via !== undefined) found.via = answer.via;
    return found;
  }
  if (answer.kind === 'none') {
    return { status: 'none', domain, name, reason: answer.reason, detail: answer.detail };
  }

  // The server gave only the CNAME, so take the one hop ourselves.
  const target = answer.target;
  const second = await queryDns(target, RecordType.TXT, settings);
  if (!second.ok) return errorLookup(domain, name, second);
  const atTarget = interpretTxtAnswer(target, second.message);
  if (atTarget.kind === 'found' && atTarget.via === undefined) {
    return { status: 'found', domain, name, records: atTarget.records, via: target };
  }
  // Whether the server stopped at the second CNAME or chased it, that hop is not taken.
  if (atTarget.kind !== 'none' || atTarget.reason === 'cname-chain') {
    const next =
      atTarget.kind === 'cname'
        ? [atTarget.target]
        : atTarget.kind === 'found'
          ? [atTarget.via!]
          : [];
    return {
      status: 'none',
      domain,
      name,
      reason: 'cname-chain',
      detail: `${showChain([name, target, ...next])}: ${target} is itself a CNAME; only one hop is followed`,
    };
  }
  return {
    status: 'none',
    domain,
    name,
    reason: atTarget.reason,
    detail: `${showChain([name, target])}: ${
      atTarget.reason === 'nxdomain'
        ? 'the CNAME target does not exist (NXDOMAIN)'
        : 'the CNAME target has no TXT records (NODATA)'
    }`,
  };
}

/**
 * Creates a resolver for `_suns.<hostname>` TXT claims that talks DNS itself (UDP, TCP when
 * an answer is truncated), so it sees CNAMEs and can allow exactly one hop. Hostnames are
 * normalised with `normalizeHostname` from `@symval/groupid` first; an invalid one is an
 * `error` result with code `invalid-hostname` and sends no query.
 *
 * @throws DnsClaimsError `options.invalid` or `servers.invalid` for bad options.
 * @example
 * const claims = createDnsClaimResolver({ servers: ['127.0.0.1:5353'], timeoutMs: 1000 });
 * const result = await claims.lookup('ZQ.suns.bz.');
 * if (result.status === 'found') console.log(result.records);
 */
export function createDnsClaimResolver(options: DnsClaimResolverOptions = {}): DnsClaimResolver {
  const settings = settingsFrom(options);
  const limiter = createLimiter(settings.concurrency);
  return {
    servers: settings.servers.map((server) => server.label),
    lookup(domain: string): Promise<DnsClaimLookup> {
      const normalised = normalizeHostname(domain);
      if (!normalised.ok) {
        const shown = typeof domain === 'string' ? domain : String(domain);
        return Promise.resolve({
          status: 'error',
          domain: shown,
          name: `_suns.${shown}`,
          code: 'invalid-hostname',
          message: normalised.message,
        });
      }
      const hostname = normalised.hostname;
      if (hostname.length > MAX_CLAIMED_HOSTNAME) {
        return Promise.resolve({
          status: 'error',
          domain: hostname,
          name: `_suns.${hostname}`,
          code: 'invalid-hostname',
          message: `${hostname} has ${hostname.length} characters; _suns.${hostname} would exceed the 253 a DNS name allows (at most ${MAX_CLAIMED_HOSTNAME} for the hostname)`,
        });
      }
      return limiter.run(() => lookupNormalised(hostname, settings));
    },
  };
}
