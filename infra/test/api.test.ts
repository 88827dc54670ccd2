import { describe, expect, it } from 'vitest';
import { TYPES } from './sst/deployment.js';
import { dev, production } from './sst/shared.js';

interface ApiInputs {
  protocolType: string;
  corsConfiguration?: unknown;
}

describe('the HTTP API', () => {
  it('has no CORS configuration, so preflights and CORS headers are the app’s', () => {
    // With any corsConfiguration, even an empty one (what SST makes of `cors: false`), API
    // Gateway answers OPTIONS itself and drops the function's Access-Control-* headers.
    for (const run of [dev(), production()]) {
      const api = run.inputs<ApiInputs>(TYPES.api, 'ApiApi');
      expect(api.protocolType).toBe('HTTP');
      expect(api).not.toHaveProperty('corsConfiguration');
    }
  });

  it('sends every method under /api/, OPTIONS included, to the httpapi function', () => {
    const run = dev();
    const routes = run.all(TYPES.apiRoute).map((route) => route.inputs);
    expect(routes).toEqual([
      expect.objectContaining({ routeKey: 'ANY /api/{proxy+}', authorizationType: 'NONE' }),
    ]);
    const [integration] = run.all(TYPES.apiIntegration);
    expect(integration?.inputs).toMatchObject({
      integrationType: 'AWS_PROXY',
      payloadFormatVersion: '2.0',
      integrationUri: run.state(TYPES.function, 'HttpApiFunction').arn,
    });
  });

  it('throttles the stage, more tightly in dev than in production', () => {
    const limits = (run: ReturnType<typeof dev>) =>
      run.inputs<{ defaultRouteSettings: Record<string, number> }>(TYPES.apiStage, 'ApiStage')
        .defaultRouteSettings;
    expect(limits(dev())).toEqual({ throttlingBurstLimit: 20, throttlingRateLimit: 10 });
    expect(limits(production())).toEqual({ throttlingBurstLimit: 100, throttlingRateLimit: 50 });
  });

  it('keeps access logs two weeks in dev and three months in production', () => {
    const days = (run: ReturnType<typeof dev>) =>
      run.inputs<{ retentionInDays: number }>(TYPES.logGroup, 'ApiAccessLog').retentionInDays;
    expect(days(dev())).toBe(14);
    expect(days(production())).toBe(90);
  });
});
