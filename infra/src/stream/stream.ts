import { streamerPermissions } from '../access/policies.js';
import { RESERVED_CONCURRENCY } from '../functions/concurrency.js';
import { functionDefaults } from '../functions/defaults.js';
import { HANDLERS } from '../functions/handlers.js';
import {
  SNAPSHOT_KEY,
  SNAPSHOT_LAYOUT_INDEX_KEY,
  SNAPSHOT_STATE_KEY,
  SNAPSHOT_STATE_PREFIX,
} from '../functions/keys.js';
import { wholeFileEnvironment } from '../functions/whole-file.js';
import type { StageSettings } from '../stage/settings.js';
import type { Storage } from '../storage/storage.js';
import { createSnapshotFlush } from './flush.js';

/**
 * How the streamer reads the table's stream.
 *
 * - `TRIM_HORIZON`: the mapping starts at the oldest record still in the stream, so writes
 *   made before it existed (first deploy) still reach the snapshot.
 * - Batches of up to 100 records, gathered for up to 5 s: each batch rewrites the snapshot
 *   once, so a burst of attestations costs one publish, not one per record.
 * - On an error the batch is split in two until the failing record is alone
 *   (`bisectBatchOnFunctionError`), and the handler reports the records it could not apply
 *   (`ReportBatchItemFailures`), so good records are not retried with a bad one.
 * - At most 5 retries, and records older than 6 hours are given up: either way the batch's
 *   description goes to the failure queue and the stream moves on instead of stalling.
 * - One batch per shard at a time (`parallelizationFactor: 1`) keeps per-item order.
 */
export const STREAM_SUBSCRIPTION = {
  startingPosition: 'TRIM_HORIZON',
  batchSize: 100,
  maximumBatchingWindowInSeconds: 5,
  bisectBatchOnFunctionError: true,
  maximumRetryAttempts: 5,
  maximumRecordAgeInSeconds: 6 * 60 * 60,
  parallelizationFactor: 1,
  functionResponseTypes: ['ReportBatchItemFailures'],
} as const satisfies Partial<aws.lambda.EventSourceMappingArgs>;

/** SQS keeps a message at most 14 days: the time to look at a failed batch. */
export const FAILURE_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** The streamer, the queue its failed batches go to, and the schedule of its flush. */
export interface Streamer {
  fn: sst.aws.Function;
  failures: aws.sqs.Queue;
  flush: sst.aws.CronV2;
}

/**
 * Creates the streamer, the only writer of the snapshot, subscribed to the table's stream.
 * A reserved concurrency of one means one invocation at a time across all shards: two
 * publishes can never race on `records/domains.json` or the builder's state.
 */
export function createStreamer(options: {
  settings: StageSettings;
  storage: Storage;
  parent?: $util.Resource;
}): Streamer {
  const { settings, storage } = options;
  const defaults = functionDefaults(settings, 'streamer');
  const opts = { parent: options.parent };

  const failures = new aws.sqs.Queue(
    'StreamerFailures',
    { messageRetentionSeconds: FAILURE_RETENTION_SECONDS, sqsManagedSseEnabled: true },
    opts,
  );

  const fn = new sst.aws.Function(
    'Streamer',
    {
      ...defaults,
      handler: HANDLERS.streamer,
      description: 'symval streamer: table stream to records/ (v1/ layout, domains.json)',
      memory: '1024 MB',
      timeout: '2 minutes',
      concurrency: { reserved: RESERVED_CONCURRENCY.streamer },
      environment: {
        ...defaults.environment,
        // Without the table a missing builder state could not be rebuilt (the streamer would
        // refuse to replace an existing snapshot with one batch's changes).
        DOMAIN_TABLE_NAME: storage.table.name,
        SNAPSHOT_BUCKET: storage.bucket.name,
        SNAPSHOT_KEY,
        SNAPSHOT_STATE_KEY,
        SNAPSHOT_LAYOUT_INDEX_KEY,
        SNAPSHOT_STATE_PREFIX,
        ...wholeFileEnvironment(),
      },
      link: [storage.links.domainTable, storage.links.siteBucket],
      permissions: streamerPermissions({
        tableArn: storage.table.arn,
        streamArn: storage.table.nodes.table.streamArn,
        bucketArn: storage.bucket.arn,
        failureQueueArn: failures.arn,
      }),
    },
    opts,
  );

  // Subscribing with the function's ARN keeps this function's settings (reserved concurrency,
  // permissions) in one place; SST then adds no permissions of its own. SST creates the
  // subscription outside the unit (it takes no parent), as a dependent of the function: a
  // deploy of the streamer's unit includes it.
  storage.table.subscribe('Streamer', fn.arn, {
    transform: {
      eventSourceMapping: {
        ...STREAM_SUBSCRIPTION,
        destinationConfig: { onFailure: { destinationArn: failures.arn } },
      },
    },
  });

  const flush = createSnapshotFlush({ streamer: fn, parent: options.parent });

  return { fn, failures, flush };
}
