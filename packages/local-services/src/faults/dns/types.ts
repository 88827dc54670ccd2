import type { FaultLogEntry, FaultStats, RuleTiming } from '../schedule.js';

/**
 * What a DNS query can be made to suffer:
 * - `servfail`: answered SERVFAIL at once.
 * - `silence`: never answered (the client times out).
 * - `truncate` (UDP only): an empty answer with the TC bit, so the client asks again over TCP.
 * - `close` (TCP only): the connection is closed without an answer.
 * - `latency`: passed on after `ms` milliseconds.
 */
export type DnsFault =
  | { type: 'servfail'; delayMs?: number }
  | { type: 'silence' }
  | { type: 'truncate'; delayMs?: number }
  | { type: 'close'; delayMs?: number }
  | { type: 'latency'; ms: number };

/** Which queries a rule applies to: globs on the name (any case) and the type, and a transport. */
export interface DnsQueryMatch {
  name?: string;
  type?: string;
  transport?: 'udp' | 'tcp';
}

/**
 * A rule: which queries, which fault, and when. `match` is `'*'` by default; as a string it is a
 * name glob, optionally after a type: `'_suns.*.example'`, `'TXT _suns.*'`. A `truncate` rule
 * only sees UDP queries and a `close` rule only TCP ones, and they count only those.
 */
export interface DnsFaultRule extends RuleTiming {
  match?: string | DnsQueryMatch | ReadonlyArray<string | DnsQueryMatch>;
  fault: DnsFault;
}

/** Options of `startDnsFaultProxy`. */
export interface DnsFaultProxyOptions {
  /** The DNS server to pass queries on to: `host:port`, or anything with an `address` (`startDnsServer`'s result). */
  target: string | { address: string };
  /** Fixes every random draw. Default: a random seed, reported as `proxy.seed`. */
  seed?: number;
  rules?: readonly DnsFaultRule[];
}

/** A running DNS fault proxy, on UDP and TCP at the same port. */
export interface DnsFaultProxy {
  host: '127.0.0.1';
  port: number;
  /** `127.0.0.1:<port>`, for `Resolver#setServers` or `DNS_SERVERS`. */
  address: string;
  seed: number;
  setRules(rules: readonly DnsFaultRule[]): void;
  /** Counts so far; kinds are `<TYPE> <name>`, e.g. `TXT _suns.example.com`. */
  readonly stats: FaultStats;
  readonly log: readonly FaultLogEntry[];
  describe(): string;
  stop(): Promise<void>;
}
