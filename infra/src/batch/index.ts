export { createReattestBatch, REATTEST_SCHEDULE, REATTEST_TIMEOUT } from './batch.js';
