import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolve } from './platform-stub.js';
import { CONFIG_DIR, functionArgs, runConfig } from './run-config.js';

const dev = await runConfig('dev');
const production = await runConfig('production');

interface RecordedSite {
  path: string;
  build: { command: string; output: string };
  router: { instance: unknown };
  environment: Record<string, string>;
  invalidation: { paths: string; wait: boolean };
}

describe('the site', () => {
  const site = resolve(dev.recording.one('sst.aws.StaticSite', 'Web').args) as RecordedSite;
  const router = dev.recording.one('sst.aws.Router', 'Router');

  it('is apps/web, built by its package script (vite build) into dist/', () => {
    const webDir = join(CONFIG_DIR, site.path);
    const pkg = JSON.parse(readFileSync(join(webDir, 'package.json'), 'utf8')) as {
      name: string;
      scripts: Record<string, string>;
    };
    expect(pkg.name).toBe('@symval/web');
    expect(pkg.scripts.build).toBe('vite build');
    expect(site.build).toEqual({
      command: 'pnpm --filter @symval/web... run build',
      output: 'dist',
    });
    expect(existsSync(join(webDir, 'vite.config.ts'))).toBe(true);
  });

  it('is served by the Router, which sends /records to the site bucket', () => {
    expect(site.router.instance).toBe(router.instance);
    const bucket = dev.recording.one('sst.aws.Bucket', 'SiteData').instance;
    expect(router.calls).toEqual([{ method: 'routeBucket', args: ['/records', bucket] }]);
  });

  it('posts to the deployed API', () => {
    expect(site.environment).toEqual({
      VITE_API_BASE: 'https://a1dev.execute-api.us-east-1.amazonaws.com',
    });
  });

  it('waits for the CDN invalidation in production only', () => {
    const prodSite = resolve(
      production.recording.one('sst.aws.StaticSite', 'Web').args,
    ) as RecordedSite;
    expect(prodSite.invalidation).toEqual({ paths: 'all', wait: true });
    expect(site.invalidation).toEqual({ paths: 'all', wait: false });
  });

  it('uses SYMVAL_DOMAIN for the Router and the API’s allowed origin', async () => {
    const run = await runConfig('production', { SYMVAL_DOMAIN: 'suns.example' });
    expect(run.recording.one('sst.aws.Router', 'Router').args).toEqual({
      domain: { name: 'suns.example', redirects: ['www.suns.example'] },
    });
    expect(functionArgs(run.recording, 'HttpApi').environment.SITE_ORIGIN).toBe(
      'https://suns.example',
    );
    expect(run.outputs.snapshot).toBe('https://suns.example/records/domains.json');
  });

  it('refuses a SYMVAL_DOMAIN that is not a DNS name, creating nothing', async () => {
    await expect(
      runConfig('production', { SYMVAL_DOMAIN: 'https://suns.example/' }),
    ).rejects.toMatchObject({
      code: 'env.invalid',
    });
  });
});

describe('the API', () => {
  const api = dev.recording.one('sst.aws.ApiGatewayV2', 'Api');
  const httpapi = dev.recording.one('sst.aws.Function', 'HttpApi').instance as { arn: unknown };

  it('routes ANY /api/{proxy+} to the httpapi function', () => {
    expect(resolve(api.calls)).toEqual([
      { method: 'route', args: ['ANY /api/{proxy+}', resolve(httpapi.arn)] },
    ]);
  });

  it('leaves CORS to the app', () => {
    expect((api.args as { cors: boolean }).cors).toBe(false);
  });

  it('throttles the stage, more tightly in dev than in production', () => {
    const limits = (run: typeof dev) =>
      (
        run.recording.one('sst.aws.ApiGatewayV2', 'Api').args as {
          transform: {
            stage: {
              defaultRouteSettings: { throttlingBurstLimit: number; throttlingRateLimit: number };
            };
          };
        }
      ).transform.stage.defaultRouteSettings;
    expect(limits(dev)).toEqual({ throttlingBurstLimit: 20, throttlingRateLimit: 10 });
    expect(limits(production)).toEqual({ throttlingBurstLimit: 100, throttlingRateLimit: 50 });
  });
});
