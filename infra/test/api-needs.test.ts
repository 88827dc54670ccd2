import { describe, expect, it } from 'vitest';
import {
  DEPLOY_UNITS,
  RATE_LIMIT_KEY,
  RATE_LIMIT_TABLE_ACTIONS,
  RATE_LIMIT_TTL_ATTRIBUTE,
  ROUTER_SECRET_HEADER,
} from '../src/index.js';
import { type Deployment, TYPES } from './sst/deployment.js';
import { dev, production, staging } from './sst/shared.js';

// What the HTTP API reads besides the DomainRecord table (apps/httpapi on branch api12:
// RATE_LIMIT_TABLE_NAME or the linked RateLimitTable, ROUTER_SECRET or the linked
// RouterSecret, SITE_ORIGIN), as the real SST components deploy it under Pulumi's mocks.

interface TableInputs {
  hashKey: string;
  rangeKey?: string;
  attributes: { name: string; type: string }[];
  billingMode: string;
  ttl?: { attributeName: string; enabled: boolean };
  streamEnabled?: boolean;
  globalSecondaryIndexes?: unknown[];
}

interface Origin {
  originId: string;
  customHeaders?: { name: string; value: string }[];
}

const unitOf = (run: Deployment, name: string) =>
  run.all('symval:deploy:Unit').find((u) => u.name === name)?.urn;

describe('the shared rate-limit table', () => {
  it('has the key and TTL the API writes: one string key pk, TTL on expiresAt, on demand', () => {
    // rateLimitTableInput / RATE_LIMIT_TTL_ATTRIBUTE of @symval/httpapi/rate-limit-table.
    expect([RATE_LIMIT_KEY, RATE_LIMIT_TTL_ATTRIBUTE]).toEqual(['pk', 'expiresAt']);
    for (const run of [dev(), production()]) {
      const table = run.inputs<TableInputs>(TYPES.table, 'RateLimitsTable');
      expect(table.hashKey).toBe('pk');
      expect(table.rangeKey).toBeUndefined();
      expect(table.attributes).toEqual([{ name: 'pk', type: 'S' }]);
      expect(table.billingMode).toBe('PAY_PER_REQUEST');
      expect(table.ttl).toEqual({ attributeName: 'expiresAt', enabled: true });
      expect(table.streamEnabled ?? false).toBe(false);
      expect(table.globalSecondaryIndexes ?? []).toEqual([]);
    }
  });

  it('is linked to the API alone, by name, and the API may only update and put in it', () => {
    const run = dev();
    const { name, arn } = run.state<{ name: string; arn: string }>(TYPES.table, 'RateLimitsTable');
    const api = run.lambda('HttpApi');
    expect(api.build.links.RateLimitTable).toMatchObject({ name });
    const onTable = api.statements.filter((s) => s.Resource.some((r) => r.startsWith(arn)));
    expect(onTable).toEqual([expect.objectContaining({ Effect: 'Allow', Resource: [arn] })]);
    expect([...onTable[0]!.Action].sort()).toEqual([...RATE_LIMIT_TABLE_ACTIONS].sort());
    expect([...RATE_LIMIT_TABLE_ACTIONS].sort()).toEqual([
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    for (const other of ['Streamer', 'ReattestBatch']) {
      const fn = run.lambda(other);
      expect(fn.build.links).not.toHaveProperty('RateLimitTable');
      expect(JSON.stringify(fn.statements)).not.toContain(name);
    }
  });

  it('belongs to the API’s deploy unit, so it ships with the API', () => {
    const run = production();
    expect(run.one(TYPES.table, 'RateLimitsTable').parent).toBe(
      run.one('sst:aws:Dynamo', 'RateLimits').urn,
    );
    expect(run.one('sst:aws:Dynamo', 'RateLimits').parent).toBe(unitOf(run, DEPLOY_UNITS.api));
  });
});

describe('the Router secret', () => {
  const secretOf = (run: Deployment) =>
    run.state<{ result: string }>(TYPES.randomPassword, 'RouterSecretValue').result;
  const apiOrigin = (run: Deployment) =>
    run
      .inputs<{ origins: Origin[] }>(TYPES.distribution, 'RouterCdnDistribution')
      .origins.find((o) => o.originId === 'api');

  it('is generated, long enough and of characters the API’s ROUTER_SECRET accepts', () => {
    for (const run of [dev(), production()]) {
      const password = run.inputs<{ length: number; special: boolean }>(
        TYPES.randomPassword,
        'RouterSecretValue',
      );
      expect(password.length).toBeGreaterThanOrEqual(32);
      // Letters and digits: printable, no space, no comma (which would split it in two).
      expect(password.special).toBe(false);
      expect(secretOf(run)).toMatch(/^[A-Za-z0-9]{32,}$/);
    }
  });

  it('is added by the Router to every /api/* request, and to no other origin', () => {
    for (const run of [dev(), production()]) {
      const secret = secretOf(run);
      expect(apiOrigin(run)?.customHeaders).toEqual([
        { name: ROUTER_SECRET_HEADER, value: secret },
      ]);
      expect(ROUTER_SECRET_HEADER.toLowerCase()).toBe('x-symval-router-secret');
      const others = run
        .inputs<{ origins: Origin[] }>(TYPES.distribution, 'RouterCdnDistribution')
        .origins.filter((o) => o.originId !== 'api');
      expect(others.length).toBeGreaterThan(0);
      expect(JSON.stringify(others)).not.toContain(secret);
    }
  });

  it('reaches the API through its link only, the same value the Router sends', () => {
    for (const run of [dev(), production()]) {
      const secret = secretOf(run);
      const api = run.lambda('HttpApi');
      expect(api.build.links.RouterSecret).toMatchObject({ value: secret });
      expect(JSON.stringify(api.inputs.environment.variables)).not.toContain(secret);
      for (const other of ['Streamer', 'ReattestBatch']) {
        const fn = run.lambda(other);
        expect(fn.build.links).not.toHaveProperty('RouterSecret');
        expect(JSON.stringify(fn.inputs.environment.variables)).not.toContain(secret);
      }
    }
  });

  it('is kept as a secret in the stage’s state, where the Router holds it', () => {
    for (const run of [dev(), production()]) {
      const distribution = run.one(TYPES.distribution, 'RouterCdnDistribution');
      expect(distribution.secretInputs.some((path) => path.startsWith('origins'))).toBe(true);
    }
  });

  it('is never printed: not an output, not in the API’s access log format', () => {
    for (const run of [dev(), production()]) {
      const secret = secretOf(run);
      expect(JSON.stringify(run.outputs)).not.toContain(secret);
      const stage = run.inputs<{ accessLogSettings: { format: string } }>(
        TYPES.apiStage,
        'ApiStage',
      );
      expect(stage.accessLogSettings.format).not.toMatch(/header/i);
      expect(stage.accessLogSettings.format).not.toContain(secret);
    }
  });

  it('is made once, in the shared unit, since the site’s Router and the API both read it', () => {
    const run = production();
    const passwords = run.all(TYPES.randomPassword);
    expect(passwords.map((p) => p.name)).toEqual(['RouterSecretValue']);
    expect(passwords[0]!.parent).toBe(unitOf(run, DEPLOY_UNITS.shared));
    // A rotation is a new generation: the value is kept until this changes.
    expect(passwords[0]!.inputs.keepers).toEqual({ generation: '1' });
  });
});

describe('the API’s CORS origins, per stage', () => {
  const origin = (run: Deployment) =>
    run.lambda('HttpApi').inputs.environment.variables.SITE_ORIGIN;

  it('are any origin in dev and in production (pinned), as the API’s own default', () => {
    expect(origin(dev())).toBe('*');
    expect(origin(production())).toBe('*');
  });

  it('are narrowed by SYMVAL_CORS_ORIGINS, `site` standing for the stage’s own names', () => {
    expect(origin(staging())).toBe(
      'https://staging.suns.bz,https://zq.staging.suns.bz,http://localhost:5173',
    );
  });
});
