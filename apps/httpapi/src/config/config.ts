import { parseDnsServers } from '@symval/dns-claims';
import { HttpApiError } from '../errors.js';
import { parseRateLimit, type RateLimitSetting } from '../http/rate-limit.js';
import { type LinkedLookup, sstLinked } from './linked.js';

/** The settings of the API, from docs/configuration.md. */
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

function parseOrigins(value: string): string[] {
  const origins = value.split(',').map((origin) => origin.trim());
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    // An origin is scheme://host[:port] with nothing after it; the browser compares it exactly.
    if (!parsed || parsed.origin !== origin) {
      throw new HttpApiError(
        'config.invalid',
        `SITE_ORIGIN must be comma-separated origins such as "https://suns.example" (no path or trailing slash) or "*", received ${JSON.stringify(origin)}`,
      );
    }
  }
  return origins;
}

/**
 * Reads the API's settings from the environment, falling back to SST links where
 * docs/configuration.md says so. On Lambda `SITE_ORIGIN` is required: a deployed API must not
 * answer every site's scripts by accident.
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
  const tableName = env.DOMAIN_TABLE_NAME || linked('DomainTable', 'name');
  if (!tableName) {
    throw new HttpApiError(
      'config.invalid',
      'DOMAIN_TABLE_NAME is not set and no DomainTable is linked; set it to the DomainRecord table',
    );
  }
  const onLambda = Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
  if (!env.SITE_ORIGIN && onLambda) {
    throw new HttpApiError(
      'config.invalid',
      'SITE_ORIGIN is required on Lambda: set it to the site origin(s) allowed by CORS, comma-separated',
    );
  }
  let dnsServers: string[] | undefined;
  try {
    dnsServers = parseDnsServers(env.DNS_SERVERS);
  } catch (error) {
    throw new HttpApiError(
      'config.invalid',
      `DNS_SERVERS is not usable: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return {
    tableName,
    siteOrigins: env.SITE_ORIGIN ? parseOrigins(env.SITE_ORIGIN) : ['*'],
    dnsServers,
    rateLimit: parseRateLimit(env.ATTEST_RATE_LIMIT ?? '10/60'),
  };
}
