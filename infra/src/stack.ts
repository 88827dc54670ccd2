import { createApiFunction, createApiGateway } from './api/api.js';
import { createRateLimitTable } from './api/rate-limit-table.js';
import { ROUTER_SECRET_HEADER } from './api/router-secret.js';
import { createRouterSecret } from './api/router-secret-resource.js';
import { createReattestBatch } from './batch/batch.js';
import { createClubClaims } from './domain/claims.js';
import { corsOrigins, siteRedirects } from './domain/names.js';
import { lookUpZone, routerDomain } from './domain/zone.js';
import { SNAPSHOT_KEY } from './functions/keys.js';
import {
  type AlarmSpec,
  createAlarms,
  createAlarmTopic,
  invocationAlarmSpecs,
  reattestAlarmSpecs,
  streamerAlarmSpecs,
} from './monitoring/alarms.js';
import { createAttentionFilter } from './monitoring/attention.js';
import { createRouter, createSite } from './site/site.js';
import { readStageDeployEnvironment } from './stage/deploy-env.js';
import { stageSettings } from './stage/settings.js';
import { createStorage } from './storage/storage.js';
import { createStreamer } from './stream/stream.js';
import { createDeployUnit, DEPLOY_UNITS } from './units/units.js';

/** What `sst deploy` prints at the end, and what `run()` returns. */
export interface StackOutputs {
  /** The site (the Router's URL: the main name when the stage has a domain). */
  site: $util.Output<string>;
  /** The HTTP API on its own domain; `<site>/api/...` reaches the same API. */
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
 * Everything `run()` creates for the current stage (`$app.stage`), one deploy unit after the
 * other (src/units): the shared resources first, then each app, which takes from them and
 * from nothing of another app. Reads the deploy settings (pinned for production, else from
 * the environment of `sst deploy`) and refuses, before creating anything, a deploy that
 * lacks one its stage needs.
 */
export async function deployStack(
  env: Record<string, string | undefined> = process.env,
): Promise<StackOutputs> {
  const settings = stageSettings($app.stage);
  const deploy = readStageDeployEnvironment(settings.stage, env);

  const shared = createDeployUnit(DEPLOY_UNITS.shared);
  const storage = createStorage(settings, { parent: shared, adopt: deploy.adopt });
  const topic = createAlarmTopic({ settings, alarmEmail: deploy.alarmEmail, parent: shared });
  const gateway = createApiGateway({ settings, parent: shared });
  const routerSecret = await createRouterSecret({ parent: shared });
  const alarms = (specs: AlarmSpec[], parent: $util.Resource) =>
    createAlarms({ settings, specs, topic, parent });

  const apiApp = createDeployUnit(DEPLOY_UNITS.api);
  const api = createApiFunction({
    settings,
    storage,
    gateway,
    siteOrigin: corsOrigins(deploy),
    rateLimit: createRateLimitTable({ parent: apiApp }),
    routerSecret,
    parent: apiApp,
  });
  alarms(
    [
      ...invocationAlarmSpecs('HttpApi', api),
      createAttentionFilter({ stage: settings.stage, prefix: 'HttpApi', fn: api, parent: apiApp }),
    ],
    apiApp,
  );

  const streamerApp = createDeployUnit(DEPLOY_UNITS.streamer);
  const streamer = createStreamer({ settings, storage, parent: streamerApp });
  alarms(
    [
      ...streamerAlarmSpecs(streamer.fn, streamer.failures.name),
      createAttentionFilter({
        stage: settings.stage,
        prefix: 'Streamer',
        fn: streamer.fn,
        parent: streamerApp,
      }),
    ],
    streamerApp,
  );

  const reattestApp = createDeployUnit(DEPLOY_UNITS.reattest);
  const reattest = createReattestBatch({ settings, storage, parent: reattestApp });
  alarms(
    [
      ...reattestAlarmSpecs(reattest.fn),
      createAttentionFilter({
        stage: settings.stage,
        prefix: 'ReattestBatch',
        fn: reattest.fn,
        parent: reattestApp,
      }),
    ],
    reattestApp,
  );

  const siteApp = createDeployUnit(DEPLOY_UNITS.site);
  const zoneId = lookUpZone(deploy, siteApp);
  const router = createRouter({
    domain: routerDomain(deploy, zoneId),
    // The header that tells the API a request came through the Router.
    api: { url: gateway.url, headers: { [ROUTER_SECRET_HEADER]: routerSecret.value } },
    redirects: siteRedirects(deploy),
    parent: siteApp,
  });
  createSite({ settings, router, bucket: storage.bucket, apiUrl: gateway.url, parent: siteApp });
  if (deploy.club && zoneId) {
    createClubClaims({
      club: deploy.club,
      zoneId,
      takeOver: deploy.takeOverDns ?? false,
      parent: siteApp,
    });
  }

  return {
    site: router.url,
    api: gateway.url,
    snapshot: $interpolate`${router.url}/${SNAPSHOT_KEY}`,
    table: storage.table.name,
    checkpointTable: storage.checkpointTable.name,
    bucket: storage.bucket.name,
    streamerFailures: streamer.failures.url,
    alarmTopic: topic.arn,
  };
}
