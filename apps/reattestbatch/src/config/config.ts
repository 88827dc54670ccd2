import { parseDnsServers } from '@symval/dns-claims';
import { ReattestBatchError } from '../errors.js';
import { type LinkedLookup, sstLinked } from './linked.js';

/** The settings of the batch, from docs/configuration.md. */
export interface ReattestBatchConfig {
  /** `DOMAIN_TABLE_NAME`, else the linked `DomainTable`. */
  tableName: string;
  /** `SNAPSHOT_BUCKET`, else the linked `SiteBucket`. */
  bucket: string;
  /** `SNAPSHOT_KEY`, default `records/domains.json`. */
  snapshotKey: string;
  /** `SNAPSHOT_STATE_KEY`, default `state/snapshot-state.json`. */
  stateKey: string;
  /** `DNS_SERVERS`; `undefined` for the system resolver. */
  dnsServers: string[] | undefined;
  /** `REATTEST_CONCURRENCY`, default 32. */
  concurrency: number;
  /** `REATTEST_GRACE_HOURS`, default 72. */
  graceHours: number;
}

type Env = Record<string, string | undefined>;

function fail(message: string, cause?: unknown): never {
  throw new ReattestBatchError(
    'config.invalid',
    message,
    cause === undefined ? undefined : { cause },
  );
}

function number(
  env: Env,
  name: string,
  fallback: number,
  valid: (n: number) => boolean,
  what: string,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!valid(value)) fail(`${name} must be ${what}, received ${JSON.stringify(raw)}`);
  return value;
}

/**
 * Reads the batch's settings from the environment, with the SST link fallbacks of
 * docs/configuration.md.
 *
 * @throws ReattestBatchError `config.invalid` naming the variable and the value received.
 * @example
 * const config = readReattestBatchConfig({ DOMAIN_TABLE_NAME: 'DomainRecord', SNAPSHOT_BUCKET: 'site' });
 * config.graceHours; // 72
 */
export function readReattestBatchConfig(
  env: Env = process.env,
  linked: LinkedLookup = sstLinked,
): ReattestBatchConfig {
  const tableName = env.DOMAIN_TABLE_NAME || linked('DomainTable', 'name');
  if (!tableName) fail('DOMAIN_TABLE_NAME is not set and no DomainTable is linked');
  const bucket = env.SNAPSHOT_BUCKET || linked('SiteBucket', 'name');
  if (!bucket) fail('SNAPSHOT_BUCKET is not set and no SiteBucket is linked');
  let dnsServers: string[] | undefined;
  try {
    dnsServers = parseDnsServers(env.DNS_SERVERS);
  } catch (error) {
    fail(
      `DNS_SERVERS is not usable: ${error instanceof Error ? error.message : String(error)}`,
      error,
    );
  }
  return {
    tableName,
    bucket,
    snapshotKey: env.SNAPSHOT_KEY || 'records/domains.json',
    stateKey: env.SNAPSHOT_STATE_KEY || 'state/snapshot-state.json',
    dnsServers,
    concurrency: number(
      env,
      'REATTEST_CONCURRENCY',
      32,
      (n) => Number.isInteger(n) && n >= 1 && n <= 1024,
      'an integer from 1 to 1024',
    ),
    graceHours: number(
      env,
      'REATTEST_GRACE_HOURS',
      72,
      (n) => Number.isFinite(n) && n >= 1,
      'a number of hours >= 1',
    ),
  };
}
