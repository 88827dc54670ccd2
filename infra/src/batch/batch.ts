import { reattestPermissions } from '../access/policies.js';
import { RESERVED_CONCURRENCY } from '../functions/concurrency.js';
import { functionDefaults } from '../functions/defaults.js';
import { HANDLERS } from '../functions/handlers.js';
import { SNAPSHOT_KEY, SNAPSHOT_LAYOUT_INDEX_KEY, SNAPSHOT_STATE_KEY } from '../functions/keys.js';
import type { StageSettings } from '../stage/settings.js';
import type { Storage } from '../storage/storage.js';

/** Every day at 03:17 UTC (off the hour, when scheduled jobs everywhere pile up). */
export const REATTEST_SCHEDULE = 'cron(17 3 * * ? *)';

/** The schedule's time zone: the expression above is read in it. */
export const REATTEST_TIMEZONE = 'UTC';

/**
 * What the schedule sends the function: EventBridge Scheduler invokes it with this JSON,
 * not with an EventBridge scheduled event, filling in the `<aws.scheduler.…>` placeholders
 * (the run's ID, and the time it was due) so the logs of a run name it.
 */
export const REATTEST_EVENT = {
  source: 'symval.reattest-daily',
  executionId: '<aws.scheduler.execution-id>',
  scheduledTime: '<aws.scheduler.scheduled-time>',
} as const;

/**
 * Lambda's maximum. The job watches its remaining time and stops before the limit; work
 * left over is picked up the next day, since every write is conditional on `Rev`.
 */
export const REATTEST_TIMEOUT = '15 minutes';

/**
 * Creates reattestbatch and its daily schedule (`CronV2`: EventBridge Scheduler, which keeps
 * the time zone; `Cron` is deprecated and its rules have none). Reserved concurrency of one:
 * a run started by hand (`symval invoke reattestbatch`) cannot overlap the scheduled one. No
 * automatic retry (the function's `retries: 0` and the schedule's default of none): a failed
 * run raises the errors alarm and the next day's run repeats the work anyway.
 */
export function createReattestBatch(options: {
  settings: StageSettings;
  storage: Storage;
  parent?: $util.Resource;
}): {
  fn: sst.aws.Function;
  cron: sst.aws.CronV2;
} {
  const { settings, storage } = options;
  const opts = { parent: options.parent };
  const defaults = functionDefaults(settings, 'reattestbatch');

  const fn = new sst.aws.Function(
    'ReattestBatch',
    {
      ...defaults,
      handler: HANDLERS.reattestbatch,
      description: 'symval reattestbatch: daily re-attestation of every group',
      memory: '1024 MB',
      timeout: REATTEST_TIMEOUT,
      concurrency: { reserved: RESERVED_CONCURRENCY.reattestbatch },
      retries: 0,
      environment: {
        ...defaults.environment,
        DOMAIN_TABLE_NAME: storage.table.name,
        SNAPSHOT_BUCKET: storage.bucket.name,
        SNAPSHOT_KEY,
        SNAPSHOT_STATE_KEY,
        SNAPSHOT_LAYOUT_INDEX_KEY,
      },
      link: [storage.links.domainTable, storage.links.siteBucket],
      permissions: reattestPermissions({
        tableArn: storage.table.arn,
        bucketArn: storage.bucket.arn,
      }),
    },
    opts,
  );

  const cron = new sst.aws.CronV2(
    'ReattestDaily',
    {
      function: fn.arn,
      schedule: REATTEST_SCHEDULE,
      timezone: REATTEST_TIMEZONE,
      event: REATTEST_EVENT,
    },
    opts,
  );

  return { fn, cron };
}
