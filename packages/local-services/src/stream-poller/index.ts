export type { StreamPollerErrorCode } from './logic.js';
export { StreamPollerError, toLambdaStreamRecord } from './logic.js';
export { startStreamPoller } from './poller.js';
export type {
  StreamPoller,
  StreamPollerHandler,
  StreamPollerLogger,
  StreamPollerOptions,
} from './types.js';
