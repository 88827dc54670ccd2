import { parseDnsServers } from '@symval/dns-claims';
import {
  ATTEST_RATE_LIMIT,
  DNS_SERVERS,
  DOMAIN_TABLE_NAME,
  type LinkedLookup,
  RATE_LIMIT_TABLE_NAME,
  ROUTER_SECRET,
  readSetting,
  requireSetting,
  type SettingSource,
  SettingsError,
  SITE_ORIGIN,
} from '@symval/settings';
import { sstLinked } from '@symval/settings/sst';
import { HttpApiError } from '../errors.js';
import { parseRateLimit } from '../rate-limit/setting.js';
import type { RateLimitSetting } from '../rate-limit/types.js';

/** The settings of the API, as `@symval/settings` declares them (docs/configuration.md). */
export interface HttpApiConfig {
  /** `DOMAIN_TABLE_NAME`, else the linked `DomainTable`. */
  tableName: string;
  /** `SITE_ORIGIN`, comma-separated; `['*']` when unset. */
  siteOrigins: string[];
  /** `DNS_SERVERS` as `host:port` entries; `undefined` for the system resolver. */
  dnsServers: string[] | undefined;
  /** `ATTEST_RATE_LIMIT`, default 10/60. */
  rateLimit: RateLimitSetting;
  /**
   * `RATE_LIMIT_TABLE_NAME`, else the linked `RateLimitTable`: the counters every instance
   * shares. `undefined` (never on Lambda): each process counts in its own memory.
   */
  rateLimitTableName: string | undefined;
  /** `ROUTER_SECRET`, else the linked `RouterSecret`; `[]` when neither is there. */
  routerSecrets: string[];
}

type Env = Record<string, string | undefined>;

function readConfig(env: Env, source: SettingSource): HttpApiConfig {
  const tableName = requireSetting(DOMAIN_TABLE_NAME, source);
  const rateLimitTableName = readSetting(RATE_LIMIT_TABLE_NAME, source);
  if (rateLimitTableName === undefined && env.AWS_LAMBDA_FUNCTION_NAME) {
    // In memory, N warm instances would allow N times the limit without anyone noticing.
    throw new HttpApiError(
      'config.invalid',
      'RATE_LIMIT_TABLE_NAME is required on Lambda (or link a RateLimitTable): the rate limit must be shared by every instance; create the table with rateLimitTableInput from @symval/httpapi/rate-limit-table',
    );
  }
  let dnsServers: string[] | undefined;
  try {
    dnsServers = parseDnsServers(readSetting(DNS_SERVERS, source));
  } catch (error) {
    throw new HttpApiError(
      'config.invalid',
      `DNS_SERVERS is not usable: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return {
    tableName,
    siteOrigins: readSetting(SITE_ORIGIN, source),
    dnsServers,
    rateLimit: parseRateLimit(readSetting(ATTEST_RATE_LIMIT, source)),
    rateLimitTableName,
    routerSecrets: readSetting(ROUTER_SECRET, source) ?? [],
  };
}

/**
 * Reads the API's settings from the environment, falling back to SST links where the
 * declaration says so. On Lambda the shared rate-limit table is required.
 *
 * @throws HttpApiError `config.invalid` naming the variable and the value received (a secret's
 *   length only).
 * @example
 * const config = readHttpApiConfig({ DOMAIN_TABLE_NAME: 'DomainRecord', DNS_SERVERS: '127.0.0.1:5353' });
 * config.rateLimit; // { count: 10, windowSeconds: 60 }
 */
export function readHttpApiConfig(
  env: Env = process.env,
  linked: LinkedLookup = sstLinked,
): HttpApiConfig {
  try {
    return readConfig(env, { env, linked });
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    throw new HttpApiError('config.invalid', error.message, { cause: error });
  }
}
