import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_DIR, runConfig } from './run-config.js';

describe('sst.config.ts', () => {
  it('has no top-level imports, which SST refuses', () => {
    const source = readFileSync(`${CONFIG_DIR}/sst.config.ts`, 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/^\s*export\s.*\sfrom\s/m);
    expect(source).toMatch(/await import\('\.\/src\/stack\.js'\)/);
  });

  it('returns the URLs and names an operator needs', async () => {
    const { outputs } = await runConfig('dev');
    expect(outputs).toEqual({
      site: 'https://d1dev.cloudfront.net',
      api: 'https://a1dev.execute-api.us-east-1.amazonaws.com',
      snapshot: 'https://d1dev.cloudfront.net/records/domains.json',
      table: 'symval-dev-DomainRecordsTable',
      checkpointTable: 'symval-dev-ErasureCheckpointsTable',
      bucket: 'symval-dev-sitedatabucket-a1b2c3d4',
      streamerFailures: 'https://sqs.us-east-1.amazonaws.com/123456789012/StreamerFailures-9a8b7c6',
      alarmTopic: 'arn:aws:sns:us-east-1:123456789012:Alarms-5d4e3f2',
    });
  });

  it('refuses a stage name SST could not use', async () => {
    await expect(runConfig('Prod_1')).rejects.toMatchObject({ code: 'stage.invalid' });
  });
});
