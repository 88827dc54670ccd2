import { atLeast, integer, oneOf, origins, secrets, text } from './parsers.js';
import type { Setting, SettingWithDefault } from './types.js';

// Each setting once: its variable, who reads it, its SST link, its default, its doc line and
// its parser. docs/configuration.md is checked against this list by a test.

/** The DomainRecord table. */
export const DOMAIN_TABLE_NAME = {
  name: 'DOMAIN_TABLE_NAME',
  usedBy: ['httpapi', 'streamer', 'reattestbatch', 'cli'],
  link: { resource: 'DomainTable', field: 'name' },
  doc: 'the DomainRecord table (the streamer scans it to rebuild a missing builder state)',
  parser: text,
} as const satisfies Setting<string>;

/** The erasure checkpoint table of `symval erase-owner`. */
export const ERASURE_CHECKPOINT_TABLE_NAME = {
  name: 'ERASURE_CHECKPOINT_TABLE_NAME',
  usedBy: ['cli'],
  defaultNote: '`<table>-erasure-checkpoints`',
  doc: "the erasure checkpoint table of `symval erase-owner` (`--checkpoint-table` wins); on AWS, infra's `checkpointTable` output, since SST's generated name is not the default. No function reads it or is linked to it",
  parser: text,
} as const satisfies Setting<string>;

/** The bucket of the snapshot and the builder state. */
export const SNAPSHOT_BUCKET = {
  name: 'SNAPSHOT_BUCKET',
  usedBy: ['streamer', 'reattestbatch', 'cli'],
  link: { resource: 'SiteBucket', field: 'name' },
  doc: 'bucket of the snapshot and the builder state',
  parser: text,
} as const satisfies Setting<string>;

/** The public snapshot's key. */
export const SNAPSHOT_KEY = {
  name: 'SNAPSHOT_KEY',
  usedBy: ['streamer', 'reattestbatch', 'cli'],
  default: 'records/domains.json',
  doc: 'the public snapshot',
  parser: text,
} as const satisfies SettingWithDefault<string>;

/** The builder state's key. */
export const SNAPSHOT_STATE_KEY = {
  name: 'SNAPSHOT_STATE_KEY',
  usedBy: ['streamer', 'reattestbatch'],
  default: 'state/snapshot-state.json',
  doc: "the builder's private state (sequence numbers, tombstones, Revs)",
  parser: text,
} as const satisfies SettingWithDefault<string>;

/** The sharded layout's index; its files go beside it. */
export const SNAPSHOT_LAYOUT_INDEX_KEY = {
  name: 'SNAPSHOT_LAYOUT_INDEX_KEY',
  usedBy: ['streamer', 'reattestbatch', 'cli'],
  default: 'records/v1/index.json',
  doc: "the sharded layout's index (shards, nodes and the owner directory go beside it); readers fall back to `SNAPSHOT_KEY` without it",
  parser: text,
} as const satisfies SettingWithDefault<string>;

/** The sharded builder's private state folder. */
export const SNAPSHOT_STATE_PREFIX = {
  name: 'SNAPSHOT_STATE_PREFIX',
  usedBy: ['streamer'],
  default: 'state/v2/',
  doc: "the sharded builder's private state folder (root, shards, retired lists); `SNAPSHOT_STATE_KEY` is migrated into it once",
  parser: text,
} as const satisfies SettingWithDefault<string>;

/** Above this size the whole file is throttled. */
export const SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES = {
  name: 'SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES',
  usedBy: ['streamer'],
  default: '4194304',
  doc: 'up to this size `SNAPSHOT_KEY` is published with every batch that changes a record; above it, at most once per `SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS`',
  parser: integer(0, Number.MAX_SAFE_INTEGER, 'a whole number of bytes >= 0'),
} as const satisfies SettingWithDefault<number>;

/** How often a large whole file is published at most. */
export const SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS = {
  name: 'SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS',
  usedBy: ['streamer'],
  default: '300',
  doc: 'the least time between two publishes of a whole file above the threshold',
  parser: atLeast(0, 'seconds'),
} as const satisfies SettingWithDefault<number>;

/** The origins CORS allows. */
export const SITE_ORIGIN = {
  name: 'SITE_ORIGIN',
  usedBy: ['httpapi'],
  default: '*',
  doc: 'CORS origin(s) allowed to call the API from browsers, comma-separated; `*` answers any origin (no route takes credentials), a stage may narrow it',
  parser: origins,
} as const satisfies SettingWithDefault<string[]>;

/** DNS servers instead of the system resolver; `@symval/dns-claims` parses the addresses. */
export const DNS_SERVERS = {
  name: 'DNS_SERVERS',
  usedBy: ['httpapi', 'reattestbatch', 'cli'],
  defaultNote: 'system resolver',
  doc: 'comma-separated `host:port`',
  parser: text,
} as const satisfies Setting<string>;

/** The attest rate limit; the API's `parseRateLimit` reads the form. */
export const ATTEST_RATE_LIMIT = {
  name: 'ATTEST_RATE_LIMIT',
  usedBy: ['httpapi'],
  default: '10/60',
  doc: 'attest requests per client per window, as `count/seconds`',
  parser: text,
} as const satisfies SettingWithDefault<string>;

/** The shared rate-limit counters; the API's `rateLimitTableInput` gives the table's shape. */
export const RATE_LIMIT_TABLE_NAME = {
  name: 'RATE_LIMIT_TABLE_NAME',
  usedBy: ['httpapi'],
  link: { resource: 'RateLimitTable', field: 'name' },
  defaultNote: 'linked `RateLimitTable`; required on Lambda',
  doc: 'the table of the per-client rate-limit counters shared by every API instance (key `pk`, TTL attribute `expiresAt`: `rateLimitTableInput` of `@symval/httpapi`); outside Lambda, unset means each process counts in its own memory',
  parser: text,
} as const satisfies Setting<string>;

/** The secret the Router adds to the requests it passes to the API. */
export const ROUTER_SECRET = {
  name: 'ROUTER_SECRET',
  usedBy: ['httpapi'],
  link: { resource: 'RouterSecret', field: 'value' },
  defaultNote: 'linked `RouterSecret`, else none',
  doc: 'the value the Router sends in the `X-Symval-Router-Secret` header; a request carrying it is rate-limited by its `CloudFront-Viewer-Address`, any other by its source address. Two comma-separated values during a rotation; unset: no request is trusted that way',
  parser: secrets(32),
  sensitive: true,
} as const satisfies Setting<string[]>;

/** Groups re-attested at once. */
export const REATTEST_CONCURRENCY = {
  name: 'REATTEST_CONCURRENCY',
  usedBy: ['reattestbatch'],
  default: '32',
  doc: 'groups re-attested at once',
  parser: integer(1, 1024),
} as const satisfies SettingWithDefault<number>;

/** How long an invalid group is kept. */
export const REATTEST_GRACE_HOURS = {
  name: 'REATTEST_GRACE_HOURS',
  usedBy: ['reattestbatch'],
  default: '72',
  doc: 'how long an invalid group is kept before deletion',
  parser: atLeast(1, 'hours'),
} as const satisfies SettingWithDefault<number>;

/** The local stack's base port, for the CLI. */
export const SYMVAL_LOCAL_PORT = {
  name: 'SYMVAL_LOCAL_PORT',
  usedBy: ['cli'],
  default: '8787',
  doc: 'base port of the local stack (`pnpm dev -- --port <n>`) whose snapshot `symval show`/`reattest` read when no other source is given',
  // The stack takes the base port and the four after it.
  parser: integer(1, 65_531, "the local stack's base port, a whole number from 1 to 65531"),
} as const satisfies SettingWithDefault<number>;

/** The Powertools logger level of every function. */
export const LOG_LEVEL = {
  name: 'LOG_LEVEL',
  usedBy: ['all functions'],
  default: 'INFO',
  doc: 'Powertools logger level',
  parser: oneOf(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL']),
} as const satisfies SettingWithDefault<string>;

/** The `service` of JSON logs; each function defaults to its own name. */
export const POWERTOOLS_SERVICE_NAME = {
  name: 'POWERTOOLS_SERVICE_NAME',
  usedBy: ['all functions'],
  defaultNote: 'the function name',
  doc: 'the `service` field of JSON logs',
  parser: text,
} as const satisfies Setting<string>;

/** DynamoDB Local instead of AWS (read by the AWS SDK itself). */
export const AWS_ENDPOINT_URL_DYNAMODB = {
  name: 'AWS_ENDPOINT_URL_DYNAMODB',
  usedBy: ['all (local only)'],
  defaultNote: 'AWS',
  doc: 'point the SDK at DynamoDB Local',
  parser: text,
} as const satisfies Setting<string>;

/** s3rver instead of AWS (read by the AWS SDK, and by the streamer for path-style requests). */
export const AWS_ENDPOINT_URL_S3 = {
  name: 'AWS_ENDPOINT_URL_S3',
  usedBy: ['all (local only)'],
  defaultNote: 'AWS',
  doc: 'point the SDK at s3rver',
  parser: text,
} as const satisfies Setting<string>;

/** Every setting, in the order docs/configuration.md lists them. */
export const SETTINGS: readonly Setting[] = [
  DOMAIN_TABLE_NAME,
  ERASURE_CHECKPOINT_TABLE_NAME,
  SNAPSHOT_BUCKET,
  SNAPSHOT_KEY,
  SNAPSHOT_STATE_KEY,
  SNAPSHOT_LAYOUT_INDEX_KEY,
  SNAPSHOT_STATE_PREFIX,
  SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES,
  SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS,
  SITE_ORIGIN,
  DNS_SERVERS,
  ATTEST_RATE_LIMIT,
  RATE_LIMIT_TABLE_NAME,
  ROUTER_SECRET,
  REATTEST_CONCURRENCY,
  REATTEST_GRACE_HOURS,
  SYMVAL_LOCAL_PORT,
  LOG_LEVEL,
  POWERTOOLS_SERVICE_NAME,
  AWS_ENDPOINT_URL_DYNAMODB,
  AWS_ENDPOINT_URL_S3,
];
