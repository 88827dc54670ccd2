export { RESERVED_CONCURRENCY } from './concurrency.js';
export { functionDefaults } from './defaults.js';
export type { FunctionKey, HandlerLocation } from './handlers.js';
export { HANDLER_EXTENSIONS, HANDLERS, locateHandler } from './handlers.js';
export { RECORDS_PREFIX, SNAPSHOT_KEY, SNAPSHOT_STATE_KEY, STATE_PREFIX } from './keys.js';
