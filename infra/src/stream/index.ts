export { createSnapshotFlush, FLUSH_EVENT, FLUSH_SCHEDULE, rateExpression } from './flush.js';
export type { Streamer } from './stream.js';
export { createStreamer, FAILURE_RETENTION_SECONDS, STREAM_SUBSCRIPTION } from './stream.js';
