export {
  ATTEST_RATE_LIMIT,
  AWS_ENDPOINT_URL_DYNAMODB,
  AWS_ENDPOINT_URL_S3,
  DNS_SERVERS,
  DOMAIN_TABLE_NAME,
  ERASURE_CHECKPOINT_TABLE_NAME,
  LOG_LEVEL,
  POWERTOOLS_SERVICE_NAME,
  RATE_LIMIT_TABLE_NAME,
  REATTEST_CONCURRENCY,
  REATTEST_GRACE_HOURS,
  ROUTER_SECRET,
  SETTINGS,
  SITE_ORIGIN,
  SNAPSHOT_BUCKET,
  SNAPSHOT_KEY,
  SNAPSHOT_LAYOUT_INDEX_KEY,
  SNAPSHOT_STATE_KEY,
  SNAPSHOT_STATE_PREFIX,
  SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS,
  SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES,
  SYMVAL_LOCAL_PORT,
} from './declaration/settings.js';
export type {
  Setting,
  SettingLink,
  SettingParser,
  SettingReader,
  SettingWithDefault,
} from './declaration/types.js';
export type { SettingsTableRow } from './docs/table.js';
export { documentedDefault, renderSettingsTable, settingsTableRows } from './docs/table.js';
export type { SettingsErrorCode } from './errors.js';
export { SettingsError } from './errors.js';
export type { LinkedLookup, SettingSource, SettingsEnv } from './read/read.js';
export { isSettingSet, readSetting, requireSetting } from './read/read.js';
