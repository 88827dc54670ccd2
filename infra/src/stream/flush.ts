import { InfraError } from '../errors/infra-error.js';
import { WHOLE_FILE_INTERVAL_SECONDS } from '../functions/whole-file.js';

/**
 * What the flush schedule sends the streamer: its `source` is what the streamer's handler
 * tells a flush from a stream batch by (`FLUSH_EVENT_SOURCE` of apps/streamer), and Scheduler
 * fills in the run's ID and due time so the flush's log line names the run.
 */
export const FLUSH_EVENT = {
  source: 'symval.snapshot-flush',
  executionId: '<aws.scheduler.execution-id>',
  scheduledTime: '<aws.scheduler.scheduled-time>',
} as const;

/** A Scheduler rate expression for a whole number of minutes. */
export function rateExpression(seconds: number): `rate(${string})` {
  const minutes = seconds / 60;
  if (!Number.isInteger(minutes) || minutes < 1) {
    throw new InfraError(
      'env.invalid',
      `the flush runs every whole number of minutes (EventBridge Scheduler's rate); the whole file's interval is ${seconds} s`,
    );
  }
  return `rate(${minutes} ${minutes === 1 ? 'minute' : 'minutes'})`;
}

/** Every `SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS`, the interval the streamer is given. */
export const FLUSH_SCHEDULE = rateExpression(WHOLE_FILE_INTERVAL_SECONDS);

/**
 * The scheduled flush of the whole file (`SnapshotFlush`, an EventBridge Scheduler schedule, as
 * `CronV2` makes them). Above its size threshold the streamer publishes `records/domains.json`
 * at most once per interval, so the last change before the stream goes quiet would wait for
 * a batch that may never come; every interval this invokes the streamer itself with
 * {@link FLUSH_EVENT}, and the streamer publishes the file when it is stale and writes nothing
 * otherwise. The streamer, not a function of its own: its reserved concurrency of one keeps
 * the flush from racing a batch (the builder's conditional writes would catch it, at the cost
 * of a retry). No retry of the schedule's own: a missed flush is the next one's, five minutes
 * later. In the streamer's deploy unit.
 */
export function createSnapshotFlush(options: {
  streamer: sst.aws.Function;
  parent?: $util.Resource;
}): sst.aws.CronV2 {
  return new sst.aws.CronV2(
    'SnapshotFlush',
    {
      function: options.streamer.arn,
      schedule: FLUSH_SCHEDULE,
      event: FLUSH_EVENT,
    },
    { parent: options.parent },
  );
}
