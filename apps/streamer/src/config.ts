/** A linked SST resource's field, or `undefined` when not linked (or SST is not there). */
export type LinkedLookup = (name: string, field: string) => Promise<string | undefined>;

/** The streamer's settings (docs/configuration.md). */
export interface StreamerConfig {
  /** `SNAPSHOT_BUCKET`, else the linked `SiteBucket`. */
  readonly bucket: string;
  /** `SNAPSHOT_KEY`, default `records/domains.json`. */
  readonly key: string;
  /** `SNAPSHOT_STATE_KEY`, default `state/snapshot-state.json`. */
  readonly stateKey: string;
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

/**
 * SST links, read only when a variable is absent. `sst` is imported on demand so local runs
 * and tests never load it; an unlinked name (SST throws for those) reads as `undefined`.
 */
export const sstLinked: LinkedLookup = async (name, field) => {
  try {
    const { Resource } = await import('sst');
    const value = (Resource as unknown as Record<string, Record<string, unknown> | undefined>)[
      name
    ]?.[field];
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
};

const LOG_LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL']);

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
  const bucket = env.SNAPSHOT_BUCKET || (await linked('SiteBucket', 'name'));
  if (!bucket) {
    throw new StreamerConfigError(
      'SNAPSHOT_BUCKET is not set and no SiteBucket is linked; set it to the bucket of the snapshot and the builder state',
    );
  }
  const key = env.SNAPSHOT_KEY || 'records/domains.json';
  const stateKey = env.SNAPSHOT_STATE_KEY || 'state/snapshot-state.json';
  if (key === stateKey) {
    throw new StreamerConfigError(
      `SNAPSHOT_KEY and SNAPSHOT_STATE_KEY must differ (the state is private), both are ${JSON.stringify(key)}`,
    );
  }
  const logLevel = (env.LOG_LEVEL || 'INFO').toUpperCase();
  if (!LOG_LEVELS.has(logLevel)) {
    throw new StreamerConfigError(
      `LOG_LEVEL must be one of ${[...LOG_LEVELS].join(', ')}, received ${JSON.stringify(env.LOG_LEVEL)}`,
    );
  }
  return {
    bucket,
    key,
    stateKey,
    tableName: env.DOMAIN_TABLE_NAME || (await linked('DomainTable', 'name')),
    s3Endpoint: env.AWS_ENDPOINT_URL_S3 || undefined,
    logLevel,
    serviceName: env.POWERTOOLS_SERVICE_NAME || 'streamer',
  };
}
