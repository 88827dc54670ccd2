export {
  createReattestBatch,
  REATTEST_EVENT,
  REATTEST_SCHEDULE,
  REATTEST_TIMEOUT,
  REATTEST_TIMEZONE,
} from './batch.js';
