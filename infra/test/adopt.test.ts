import { describe, expect, it } from 'vitest';
import { TYPES } from './sst/deployment.js';
import { STAGING_ENV } from './sst/global-setup.js';
import { dev, production, staging } from './sst/shared.js';

describe('a stage adopting the existing table and bucket', () => {
  const run = staging();

  it('imports the table by its name, keeps that name, and never deletes it', () => {
    const table = run.one(TYPES.table, 'DomainRecordsTable');
    expect(table.importId).toBe(STAGING_ENV.SYMVAL_ADOPT_TABLE);
    expect(table.retainOnDelete).toBe(true);
    expect(table.inputs).toMatchObject({
      name: 'suns-prod-application-table',
      hashKey: 'pk',
      rangeKey: 'sk',
      // What the stage's table has, so the first deploy brings the adopted one to it in place.
      streamEnabled: true,
      streamViewType: 'NEW_AND_OLD_IMAGES',
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: { enabled: true },
    });
    expect(run.state(TYPES.table, 'DomainRecordsTable').name).toBe('suns-prod-application-table');
  });

  it('imports the bucket by its name, keeps that name, and never empties or deletes it', () => {
    const bucket = run.one(TYPES.bucket, 'SiteDataBucket');
    expect(bucket.importId).toBe(STAGING_ENV.SYMVAL_ADOPT_BUCKET);
    expect(bucket.retainOnDelete).toBe(true);
    expect(bucket.inputs).toMatchObject({
      bucket: 'suns-bz-content-123456789012',
      forceDestroy: false,
    });
  });

  it('points every function at the adopted table and bucket', () => {
    for (const fn of ['HttpApi', 'Streamer', 'ReattestBatch']) {
      expect(run.lambda(fn).inputs.environment.variables.DOMAIN_TABLE_NAME).toBe(
        'suns-prod-application-table',
      );
    }
    for (const fn of ['Streamer', 'ReattestBatch']) {
      expect(run.lambda(fn).inputs.environment.variables.SNAPSHOT_BUCKET).toBe(
        'suns-bz-content-123456789012',
      );
    }
    expect(run.outputs).toMatchObject({
      table: 'suns-prod-application-table',
      bucket: 'suns-bz-content-123456789012',
    });
  });

  it('imports nothing else: the checkpoint table and the rest are new', () => {
    const imported = run.result.resources.filter((r) => r.importId !== undefined);
    expect(imported.map((r) => r.name).sort()).toEqual(['DomainRecordsTable', 'SiteDataBucket']);
  });

  it('does not happen on a stage that names nothing to adopt', () => {
    for (const other of [dev(), production()]) {
      expect(other.result.resources.filter((r) => r.importId !== undefined)).toEqual([]);
      expect(other.one(TYPES.table, 'DomainRecordsTable').inputs.name).toMatch(
        /^symval-(dev|production)-DomainRecordsTable-/,
      );
    }
  });
});
