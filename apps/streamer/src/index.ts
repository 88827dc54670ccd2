export { dynamoDbClientOptions, s3ClientOptions } from './clients.js';
export type { LinkedLookup, StreamerConfig } from './config.js';
export { readStreamerConfig, StreamerConfigError, sstLinked } from './config.js';
export type { FlushEvent, FlushHandler, FlushResult } from './flush-handler.js';
export { createFlushHandler, FLUSH_EVENT_SOURCE, isFlushEvent } from './flush-handler.js';
export { handler } from './handler.js';
export type {
  StreamerLocation,
  StreamerLogger,
  StreamHandler,
  StreamHandlerDependencies,
} from './stream-handler.js';
export { createStreamerBuilder, createStreamHandler, failuresFrom } from './stream-handler.js';
