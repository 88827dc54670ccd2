import { parseDnsServers } from '@symval/dns-claims';
import {
  ATTEST_RATE_LIMIT,
  DNS_SERVERS,
  DOMAIN_TABLE_NAME,
  isSettingSet,
  type LinkedLookup,
  readSetting,
  requireSetting,
  type SettingSource,
  SettingsError,
  SITE_ORIGIN,
} from '@symval/settings';
import { sstLinked } from '@symval/settings/sst';
import { HttpApiError } from '../errors.js';
import { parseRateLimit, type RateLimitSetting } from '../http/rate-limit.js';

/** The settings of the API, as `@symval/settings` declares them (docs/configuration.md). */
export interface HttpApiConfig {
  /** `DOMAIN_TABLE_NAME`, else the linked `DomainTable`. */
  tableName: string;
  /** `SITE_ORIGIN`, comma-separated; `['*']` outside Lambda when unset. */
  siteOrigins: string[];
  /** `DNS_SERVERS` as `host:port` entries; `undefined` for the system resolver. */
  dnsServers: string[] | undefined;
  /** `ATTEST_RATE_LIMIT`, default 10/60. */
  rateLimit: RateLimitSetting;
}

type Env = Record<string, string | undefined>;

function readConfig(env: Env, source: SettingSource): HttpApiConfig {
  const tableName = requireSetting(DOMAIN_TABLE_NAME, source);
  if (!isSettingSet(SITE_ORIGIN, env) && env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new HttpApiError(
      'config.invalid',
      'SITE_ORIGIN is required on Lambda: set it to the site origin(s) allowed by CORS, comma-separated',
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
  };
}

/**
 * Reads the API's settings from the environment, falling back to SST links where the
 * declaration says so. On Lambda `SITE_ORIGIN` is required: a deployed API must not answer
 * every site's scripts by accident.
 *
 * @throws HttpApiError `config.invalid` naming the variable and the value received.
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
