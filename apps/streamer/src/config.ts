import {
  AWS_ENDPOINT_URL_S3,
  DOMAIN_TABLE_NAME,
  isSettingSet,
  LOG_LEVEL,
  POWERTOOLS_SERVICE_NAME,
  readSetting,
  requireSetting,
  type Setting,
  type SettingSource,
  SettingsError,
  SNAPSHOT_BUCKET,
  SNAPSHOT_KEY,
  SNAPSHOT_LAYOUT_INDEX_KEY,
  SNAPSHOT_STATE_KEY,
  SNAPSHOT_STATE_PREFIX,
  SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS,
  SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES,
} from '@symval/settings';
import { sstLinked as sstLinkedNow } from '@symval/settings/sst';
import { SnapshotBuilderError, shardedKeys } from '@symval/snapshot-builder';

/** A linked SST resource's field, or `undefined` when not linked (or SST is not there). */
export type LinkedLookup = (name: string, field: string) => Promise<string | undefined>;

/** The streamer's settings, as `@symval/settings` declares them (docs/configuration.md). */
export interface StreamerConfig {
  /** `SNAPSHOT_BUCKET`, else the linked `SiteBucket`. */
  readonly bucket: string;
  /** `SNAPSHOT_KEY`, default `records/domains.json`. */
  readonly key: string;
  /** `SNAPSHOT_STATE_KEY`, default `state/snapshot-state.json`. */
  readonly stateKey: string;
  /** `SNAPSHOT_LAYOUT_INDEX_KEY`, default `records/v1/index.json`. */
  readonly indexKey: string;
  /** `SNAPSHOT_STATE_PREFIX`, default `state/v2/`. */
  readonly statePrefix: string;
  /** `SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES`, default 4 MiB. */
  readonly wholeFileThresholdBytes: number;
  /** `SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS` in milliseconds, default 5 minutes. */
  readonly wholeFileIntervalMs: number;
  /**
   * `DOMAIN_TABLE_NAME`, else the linked `DomainTable`: when set, a missing builder state is
   * rebuilt from a full scan of the table. Optional.
   */
  readonly tableName: string | undefined;
  /** `AWS_ENDPOINT_URL_S3` (s3rver in local runs). */
  readonly s3Endpoint: string | undefined;
  /** `LOG_LEVEL`, default `INFO`. */
  readonly logLevel: string;
  /** `POWERTOOLS_SERVICE_NAME`, default `streamer`. */
  readonly serviceName: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Thrown when the streamer cannot be configured; the message names the variable. */
export class StreamerConfigError extends Error {
  override readonly name = 'StreamerConfigError';
  readonly code = 'config.invalid';
}

/** The SST links of this process (see `@symval/settings/sst`), as the lookup this module takes. */
export const sstLinked: LinkedLookup = async (name, field) => sstLinkedNow(name, field);

// The links the streamer may fall back on, looked up (each at most once) only when their
// variable is absent, so a run with every variable set never asks SST.
const LINKED: readonly Setting[] = [SNAPSHOT_BUCKET, DOMAIN_TABLE_NAME];

async function resolveLinks(env: Env, linked: LinkedLookup): Promise<SettingSource['linked']> {
  const found = new Map<string, string | undefined>();
  for (const setting of LINKED) {
    if (!setting.link || isSettingSet(setting, env)) continue;
    const { resource, field } = setting.link;
    found.set(`${resource}.${field}`, await linked(resource, field));
  }
  return (resource, field) => found.get(`${resource}.${field}`);
}

/**
 * Reads the settings: each variable first, the SST link only when the variable is absent.
 *
 * @example
 * const config = await readStreamerConfig({ SNAPSHOT_BUCKET: 'site' });
 * config.key; // 'records/domains.json'
 */
export async function readStreamerConfig(
  env: Env = process.env,
  linked: LinkedLookup = sstLinked,
): Promise<StreamerConfig> {
  const source: SettingSource = { env, linked: await resolveLinks(env, linked) };
  try {
    const key = readSetting(SNAPSHOT_KEY, source);
    const stateKey = readSetting(SNAPSHOT_STATE_KEY, source);
    if (key === stateKey) {
      throw new StreamerConfigError(
        `SNAPSHOT_KEY and SNAPSHOT_STATE_KEY must differ (the state is private), both are ${JSON.stringify(key)}`,
      );
    }
    const indexKey = readSetting(SNAPSHOT_LAYOUT_INDEX_KEY, source);
    const statePrefix = readSetting(SNAPSHOT_STATE_PREFIX, source);
    try {
      shardedKeys({ indexKey, statePrefix, wholeKey: key, legacyStateKey: stateKey });
    } catch (error) {
      if (!(error instanceof SnapshotBuilderError)) throw error;
      throw new StreamerConfigError(
        `SNAPSHOT_LAYOUT_INDEX_KEY, SNAPSHOT_STATE_PREFIX, SNAPSHOT_KEY and SNAPSHOT_STATE_KEY do not fit together: ${error.message}`,
      );
    }
    return {
      bucket: requireSetting(SNAPSHOT_BUCKET, source),
      key,
      stateKey,
      indexKey,
      statePrefix,
      wholeFileThresholdBytes: readSetting(SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES, source),
      wholeFileIntervalMs: readSetting(SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS, source) * 1000,
      tableName: readSetting(DOMAIN_TABLE_NAME, source),
      s3Endpoint: readSetting(AWS_ENDPOINT_URL_S3, source),
      logLevel: readSetting(LOG_LEVEL, source),
      serviceName: readSetting(POWERTOOLS_SERVICE_NAME, source) ?? 'streamer',
    };
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    throw new StreamerConfigError(error.message, { cause: error });
  }
}
