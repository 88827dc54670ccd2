import { describe, expect, it } from 'vitest';
import { APP_TARGETS, DEPLOY_UNIT_TYPE, DEPLOY_UNITS } from '../src/index.js';
import { type Deployment, TYPES } from './sst/deployment.js';
import type { RegisteredResource } from './sst/mocks.js';
import { production } from './sst/shared.js';

// What `sst deploy --target <unit>` would update, read from the graph Pulumi's SDK registers
// (parents, and the dependencies of every input and dependsOn): the unit and its dependents,
// transitively, as Pulumi's --target-dependents takes them (Deployment.target).

/** The AWS resources (custom, not providers) among `resources`, by Pulumi name. */
const awsNames = (resources: RegisteredResource[]) =>
  resources
    .filter((r) => r.custom && !r.type.startsWith('pulumi:providers:'))
    .map((r) => r.name)
    .sort();

/** What each app's deploy touches, and what only the shared deploy does. */
function deploys(run: Deployment) {
  return {
    shared: awsNames(run.target(DEPLOY_UNITS.shared)),
    ...Object.fromEntries(APP_TARGETS.map((app) => [app, awsNames(run.target(app))])),
  } as Record<string, string[]>;
}

describe('deploying one app', () => {
  const run = production();
  const touched = deploys(run);

  it('ships the API alone: its function, its route, its rate-limit table, its alarms', () => {
    expect(touched.ApiApp).toEqual(
      [
        'RateLimitsTable',
        'ApiRouteNoneabIntegration',
        'ApiRouteNoneabPermissions',
        'ApiRouteNoneabRoute',
        'HttpApiAttention',
        'HttpApiAttentionFilter',
        'HttpApiCode',
        'HttpApiErrors',
        'HttpApiFunction',
        'HttpApiLogGroup',
        'HttpApiRole',
        'HttpApiThrottles',
      ].sort(),
    );
  });

  it('ships the streamer alone: its function, subscription, failure queue and alarms', () => {
    expect(touched.StreamerApp).toEqual(
      [
        'DomainRecordsSubscriberStreamerEventSourceMapping',
        'StreamerAttention',
        'StreamerAttentionFilter',
        'StreamerCode',
        'StreamerErrors',
        'StreamerFailures',
        'StreamerFailuresQueued',
        'StreamerFunction',
        'StreamerIteratorAge',
        'StreamerLogGroup',
        'StreamerRole',
        'SnapshotFlushRole',
        'SnapshotFlushSchedule',
      ].sort(),
    );
  });

  it('ships the re-attestation alone: its function, schedule and alarms', () => {
    expect(touched.ReattestApp).toEqual(
      [
        'ReattestBatchAttention',
        'ReattestBatchAttentionFilter',
        'ReattestBatchCode',
        'ReattestBatchDuration',
        'ReattestBatchErrors',
        'ReattestBatchEventInvokeConfig',
        'ReattestBatchFunction',
        'ReattestBatchLogGroup',
        'ReattestBatchRole',
        'ReattestBatchThrottles',
        'ReattestDailyRole',
        'ReattestDailySchedule',
      ].sort(),
    );
  });

  it('ships the site with its Router, domain, certificate and claims, and no function', () => {
    const site = touched.SiteApp!;
    for (const name of [
      'RouterCdnDistribution',
      'RouterCdnSslCertificate',
      'RouterCdnARecordSunsbz',
      'ClubClaimZqSunsBz',
      'ClubClaimZbSnusSunsBz',
      'WebBuilder',
      'WebAssetsBucket',
    ]) {
      expect(site).toContain(name);
    }
    expect(site.filter((name) => /Function$/.test(name) && !name.startsWith('Router'))).toEqual([]);
  });

  it('touches nothing of another app', () => {
    for (const app of APP_TARGETS) {
      for (const other of APP_TARGETS.filter((o) => o !== app)) {
        const overlap = touched[app]!.filter((name) => touched[other]!.includes(name));
        expect(overlap, `${app} and ${other}`).toEqual([]);
      }
    }
  });

  it('never touches the shared table, bucket, topic or HTTP API, created once in Shared', () => {
    const shared = [
      'DomainRecordsTable',
      'ErasureCheckpointsTable',
      'SiteDataBucket',
      'SiteDataPolicy',
      'Alarms',
      'AlarmsEmail',
      'ApiApi',
      'ApiStage',
      // Read by the Router (site) and the API: one value for both.
      'RouterSecretValue',
    ];
    for (const name of shared) {
      expect(touched.shared, name).toContain(name);
      for (const app of APP_TARGETS) expect(touched[app], `${app}: ${name}`).not.toContain(name);
    }
    for (const [type, name] of [
      [TYPES.table, 'DomainRecordsTable'],
      [TYPES.bucket, 'SiteDataBucket'],
      [TYPES.topic, 'Alarms'],
      [TYPES.api, 'ApiApi'],
    ] as const) {
      expect(run.all(type).filter((r) => r.name === name)).toHaveLength(1);
    }
  });

  it('references the shared resources by name and ARN, from every app', () => {
    const table = run.state<{ name: string }>(TYPES.table, 'DomainRecordsTable').name;
    const topic = run.state<{ arn: string }>(TYPES.topic, 'Alarms').arn;
    for (const fn of ['HttpApi', 'Streamer', 'ReattestBatch']) {
      expect(run.lambda(fn).inputs.environment.variables.DOMAIN_TABLE_NAME).toBe(table);
    }
    for (const alarm of run.all(TYPES.alarm)) {
      expect(alarm.inputs.alarmActions).toEqual([topic]);
    }
    const web = run.inputs<{ environment: Record<string, string> }>(TYPES.command, 'WebBuilder');
    expect(web.environment.VITE_API_BASE).toBe(run.outputs.api);
  });

  it('leaves no resource that no unit’s deploy would update', () => {
    // LambdaEncryptionKey: SST's key for the links of every function, made once per stage.
    const covered = new Set(Object.values(touched).flat());
    const orphans = awsNames(run.result.resources).filter((name) => !covered.has(name));
    expect(orphans).toEqual(['LambdaEncryptionKey']);
  });

  it('is a deploy unit per app, each a component of the stack itself', () => {
    const units = run.all(DEPLOY_UNIT_TYPE);
    expect(units.map((u) => u.name).sort()).toEqual([DEPLOY_UNITS.shared, ...APP_TARGETS].sort());
    const stack = run.all('pulumi:pulumi:Stack')[0]!;
    for (const unit of units) expect(unit.parent).toBe(stack.urn);
  });

  it('fails like SST for a name that is not there', () => {
    expect(() => run.target('WebApp')).toThrow('Target not found: WebApp');
  });
});
