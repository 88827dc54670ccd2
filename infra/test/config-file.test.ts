import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_DIR } from './docs.js';
import { TYPES } from './sst/deployment.js';
import { evaluateConfig } from './sst/evaluate.js';
import { dev, production } from './sst/shared.js';

describe('sst.config.ts', () => {
  it('has no top-level imports, which SST refuses', () => {
    const source = readFileSync(`${CONFIG_DIR}/sst.config.ts`, 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/^\s*export\s.*\sfrom\s/m);
    expect(source).toMatch(/await import\('\.\/src\/stack\.js'\)/);
  });

  it('returns the URLs and names an operator needs', () => {
    const run = dev();
    const router = run.state<{ domainName: string }>(TYPES.distribution, 'RouterCdnDistribution');
    expect(run.outputs).toEqual({
      site: `https://${router.domainName}`,
      api: run.state(TYPES.api, 'ApiApi').apiEndpoint,
      snapshot: `https://${router.domainName}/records/domains.json`,
      table: run.state(TYPES.table, 'DomainRecordsTable').name,
      checkpointTable: run.state(TYPES.table, 'ErasureCheckpointsTable').name,
      bucket: run.state(TYPES.bucket, 'SiteDataBucket').bucket,
      streamerFailures: run.state(TYPES.queue, 'StreamerFailures').url,
      alarmTopic: run.state(TYPES.topic, 'Alarms').arn,
      _protect: false,
    });
    expect(production().outputs._protect).toBe(true);
  });

  it('refuses a stage name SST could not use, creating nothing', async () => {
    const result = await evaluateConfig({ stage: 'Prod_1' });
    expect(result.error).toMatchObject({ code: 'stage.invalid' });
    expect(result.resources.filter((r) => r.custom)).toEqual([]);
  });

  it('refuses a production deploy without its alarm address, creating nothing', async () => {
    // Without it the deploy would drop the alarm mail; its domain is pinned in code
    // (src/stage/deploy-env.test.ts has the other cases).
    const result = await evaluateConfig({ stage: 'production', env: {} });
    expect(result.error).toMatchObject({ code: 'env.missing' });
    expect(result.error?.message).toContain('needs SYMVAL_ALARM_EMAIL (');
    expect(result.resources.filter((r) => r.custom)).toEqual([]);
  });

  it('refuses a production deploy whose environment contradicts its pinned domain, creating nothing', async () => {
    const result = await evaluateConfig({
      stage: 'production',
      env: { SYMVAL_ALARM_EMAIL: 'ops@suns.example', SYMVAL_DOMAIN: 'suns.example' },
    });
    expect(result.error).toMatchObject({ code: 'env.conflict' });
    expect(result.error?.message).toContain('SYMVAL_DOMAIN is pinned for production');
    expect(result.resources.filter((r) => r.custom)).toEqual([]);
  });
});
