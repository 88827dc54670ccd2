import { parseDnsServers } from '@symval/dns-claims';
import {
  DNS_SERVERS,
  DOMAIN_TABLE_NAME,
  type LinkedLookup,
  REATTEST_CONCURRENCY,
  REATTEST_GRACE_HOURS,
  readSetting,
  requireSetting,
  type SettingSource,
  SettingsError,
  SNAPSHOT_BUCKET,
  SNAPSHOT_KEY,
  SNAPSHOT_LAYOUT_INDEX_KEY,
  SNAPSHOT_STATE_KEY,
} from '@symval/settings';
import { sstLinked } from '@symval/settings/sst';
import { ReattestBatchError } from '../errors.js';

/** The settings of the batch, as `@symval/settings` declares them (docs/configuration.md). */
export interface ReattestBatchConfig {
  /** `DOMAIN_TABLE_NAME`, else the linked `DomainTable`. */
  tableName: string;
  /** `SNAPSHOT_BUCKET`, else the linked `SiteBucket`. */
  bucket: string;
  /** `SNAPSHOT_KEY`, default `records/domains.json`. */
  snapshotKey: string;
  /** `SNAPSHOT_STATE_KEY`, default `state/snapshot-state.json`. */
  stateKey: string;
  /** `SNAPSHOT_LAYOUT_INDEX_KEY`, default `records/v1/index.json`. */
  layoutIndexKey: string;
  /** `DNS_SERVERS`; `undefined` for the system resolver. */
  dnsServers: string[] | undefined;
  /** `REATTEST_CONCURRENCY`, default 32. */
  concurrency: number;
  /** `REATTEST_GRACE_HOURS`, default 72. */
  graceHours: number;
}

type Env = Record<string, string | undefined>;

function readDnsServers(source: SettingSource): string[] | undefined {
  try {
    return parseDnsServers(readSetting(DNS_SERVERS, source));
  } catch (error) {
    throw new ReattestBatchError(
      'config.invalid',
      `DNS_SERVERS is not usable: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * Reads the batch's settings from the environment, with the SST link fallbacks the
 * declaration gives.
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
  const source: SettingSource = { env, linked };
  try {
    return {
      tableName: requireSetting(DOMAIN_TABLE_NAME, source),
      bucket: requireSetting(SNAPSHOT_BUCKET, source),
      snapshotKey: readSetting(SNAPSHOT_KEY, source),
      stateKey: readSetting(SNAPSHOT_STATE_KEY, source),
      layoutIndexKey: readSetting(SNAPSHOT_LAYOUT_INDEX_KEY, source),
      dnsServers: readDnsServers(source),
      concurrency: readSetting(REATTEST_CONCURRENCY, source),
      graceHours: readSetting(REATTEST_GRACE_HOURS, source),
    };
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    throw new ReattestBatchError('config.invalid', error.message, { cause: error });
  }
}
