import { StreamPollerError } from './logic.js';
import type { StreamPollerLogger, StreamPollerOptions } from './types.js';
export type StreamPollerSettings = Required<
  Omit<StreamPollerOptions, 'clientConfig' | 'tableName' | 'streamArn'>
> & { streamArn: string };

const OPTION_NAMES = [
  'clientConfig',
  'tableName',
  'streamArn',
  'handler',
  'batchSize',
  'startingPosition',
  'pollIntervalMs',
  'shardListIntervalMs',
  'maxRetries',
  'retryBaseDelayMs',
  'retryMaxDelayMs',
  'onError',
  'functionName',
  'functionTimeoutMs',
  'logger',
] as const;

// Shards rarely appear without one closing first (which triggers a listing); this is a net.
export const SHARD_LIST_INTERVAL_MS = 5000;
// GetRecords answers at most 1000 records per call.
export const GET_RECORDS_LIMIT = 1000;

function invalid(message: string): StreamPollerError {
  return new StreamPollerError('stream-poller.options-invalid', message);
}

function checkNumber(
  options: StreamPollerOptions,
  name: NumberOption,
  fallback: number,
  min: number,
  max: number,
  integer: boolean,
): number {
  const value: unknown = options[name] ?? fallback;
  const ok =
    typeof value === 'number' &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value) || value === Number.POSITIVE_INFINITY);
  if (!ok) {
    throw invalid(
      `${name} is ${String(value)}; expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`,
    );
  }
  return value as number;
}

const defaultLogger: StreamPollerLogger = {
  warn: (message, details) => (details ? console.warn(message, details) : console.warn(message)),
  error: (message, details) => (details ? console.error(message, details) : console.error(message)),
};

type NumberOption =
  | 'batchSize'
  | 'pollIntervalMs'
  | 'shardListIntervalMs'
  | 'maxRetries'
  | 'retryBaseDelayMs'
  | 'retryMaxDelayMs'
  | 'functionTimeoutMs';

export function resolveSettings(options: StreamPollerOptions): StreamPollerSettings & {
  tableName: string | undefined;
} {
  if (options === null || typeof options !== 'object') {
    throw invalid(`options is ${String(options)}; expected an object`);
  }
  for (const key of Object.keys(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(key)) {
      throw invalid(
        `unknown option ${JSON.stringify(key)}; valid options: ${OPTION_NAMES.join(', ')}`,
      );
    }
  }
  if (typeof options.clientConfig !== 'object' || options.clientConfig === null) {
    throw invalid('clientConfig is missing; expected dynamoDbClientConfig(info)');
  }
  if (typeof options.handler !== 'function') {
    throw invalid(`handler is ${typeof options.handler}; expected a function`);
  }
  if ((options.tableName === undefined) === (options.streamArn === undefined)) {
    throw invalid(
      `tableName is ${JSON.stringify(options.tableName)} and streamArn is ${JSON.stringify(options.streamArn)}; expected exactly one of them`,
    );
  }
  const startingPosition = options.startingPosition ?? 'TRIM_HORIZON';
  if (startingPosition !== 'TRIM_HORIZON' && startingPosition !== 'LATEST') {
    throw invalid(
      `startingPosition is ${JSON.stringify(startingPosition)}; expected 'TRIM_HORIZON' or 'LATEST'`,
    );
  }
  const logger = options.logger ?? defaultLogger;
  return {
    tableName: options.tableName,
    streamArn: options.streamArn ?? '',
    handler: options.handler,
    batchSize: checkNumber(options, 'batchSize', 100, 1, 10_000, true),
    startingPosition,
    pollIntervalMs: checkNumber(options, 'pollIntervalMs', 100, 0, 60_000, false),
    shardListIntervalMs: checkNumber(
      options,
      'shardListIntervalMs',
      SHARD_LIST_INTERVAL_MS,
      0,
      Number.POSITIVE_INFINITY,
      false,
    ),
    maxRetries: checkNumber(options, 'maxRetries', 3, 0, Number.POSITIVE_INFINITY, true),
    retryBaseDelayMs: checkNumber(options, 'retryBaseDelayMs', 100, 0, 600_000, false),
    retryMaxDelayMs: checkNumber(options, 'retryMaxDelayMs', 2000, 0, 600_000, false),
    onError: options.onError ?? ((error) => logger.error(error.message, { code: error.code })),
    functionName: options.functionName ?? 'local-stream-handler',
    functionTimeoutMs: checkNumber(options, 'functionTimeoutMs', 60_000, 1, 900_000, false),
    logger,
  };
}
