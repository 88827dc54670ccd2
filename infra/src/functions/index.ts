export { RESERVED_CONCURRENCY } from './concurrency.js';
export { functionDefaults } from './defaults.js';
export type { FunctionKey, HandlerLocation } from './handlers.js';
export { HANDLER_EXTENSIONS, HANDLERS, locateHandler } from './handlers.js';
export {
  LAYOUT_FOLDER,
  RECORDS_PREFIX,
  SNAPSHOT_KEY,
  SNAPSHOT_LAYOUT_INDEX_KEY,
  SNAPSHOT_STATE_KEY,
  SNAPSHOT_STATE_PREFIX,
  STATE_PREFIX,
} from './keys.js';
export {
  WHOLE_FILE_INTERVAL_SECONDS,
  WHOLE_FILE_THRESHOLD_BYTES,
  wholeFileEnvironment,
} from './whole-file.js';
