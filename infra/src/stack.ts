import { createApi } from './api/api.js';
import { createReattestBatch } from './batch/batch.js';
import { SNAPSHOT_KEY } from './functions/keys.js';
import { createMonitoring } from './monitoring/alarms.js';
import { createRouter, createSite } from './site/site.js';
import { readStageDeployEnvironment } from './stage/deploy-env.js';
import { stageSettings } from './stage/settings.js';
import { createStorage } from './storage/storage.js';
import { createStreamer } from './stream/stream.js';

/** What `sst deploy` prints at the end, and what `run()` returns. */
export interface StackOutputs {
  /** The site (the Router's URL: the custom domain when set). */
  site: $util.Output<string>;
  /** The HTTP API; the site posts to `<api>/api/v1/attest`. */
  api: $util.Output<string>;
  /** The public snapshot, through the Router. */
  snapshot: $util.Output<string>;
  /** The DomainRecord table's name (`DOMAIN_TABLE_NAME` for the CLI). */
  table: $util.Output<string>;
  /** The erasure checkpoint table's name (`ERASURE_CHECKPOINT_TABLE_NAME` for the CLI). */
  checkpointTable: $util.Output<string>;
  /** The site bucket's name (`SNAPSHOT_BUCKET` for the CLI). */
  bucket: $util.Output<string>;
  /** Where the streamer's given-up batches wait. */
  streamerFailures: $util.Output<string>;
  /** The SNS topic the alarms notify. */
  alarmTopic: $util.Output<string>;
}

/**
 * Everything `run()` creates for the current stage (`$app.stage`), in dependency order.
 * Reads `SYMVAL_DOMAIN` and `SYMVAL_ALARM_EMAIL` from the environment of `sst deploy`, and
 * refuses, before creating anything, a production deploy that lacks either.
 */
export function deployStack(env: Record<string, string | undefined> = process.env): StackOutputs {
  const settings = stageSettings($app.stage);
  const deployEnv = readStageDeployEnvironment(settings.stage, env);

  const storage = createStorage(settings);
  const router = createRouter(deployEnv.domain);
  const api = createApi({
    settings,
    storage,
    // docs/configuration.md: `*` in dev, required in production.
    siteOrigin: settings.production ? router.url : '*',
  });
  const streamer = createStreamer({ settings, storage });
  const reattest = createReattestBatch({ settings, storage });
  createSite({ settings, router, bucket: storage.bucket, apiUrl: api.api.url });
  const monitoring = createMonitoring({
    settings,
    functions: { HttpApi: api.fn, Streamer: streamer.fn, ReattestBatch: reattest.fn },
    failureQueueName: streamer.failures.name,
    alarmEmail: deployEnv.alarmEmail,
  });

  return {
    site: router.url,
    api: api.api.url,
    snapshot: $interpolate`${router.url}/${SNAPSHOT_KEY}`,
    table: storage.table.name,
    checkpointTable: storage.checkpointTable.name,
    bucket: storage.bucket.name,
    streamerFailures: streamer.failures.url,
    alarmTopic: monitoring.topic.arn,
  };
}
