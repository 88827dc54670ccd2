import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ALL_VIEWER_EXCEPT_HOST_POLICY,
  API_METHODS,
  CACHING_DISABLED_POLICY,
} from '../src/index.js';
import { CONFIG_DIR, REPO_ROOT } from './docs.js';
import { type Deployment, TYPES } from './sst/deployment.js';
import { evaluateConfig } from './sst/evaluate.js';
import { dev, production } from './sst/shared.js';

/** CloudFront's managed origin request policy AllViewerExceptHostHeader (AWS's own ID). */
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
/** CloudFront's managed cache policy CachingDisabled (AWS's own ID). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

interface CachePolicy {
  defaultTtl: number;
  parametersInCacheKeyAndForwardedToOrigin: {
    headersConfig: { headerBehavior: string; headers: { items: string[] } };
  };
}

interface Behavior {
  pathPattern?: string;
  targetOriginId: string;
  cachePolicyId: string;
  originRequestPolicyId: string;
  allowedMethods: string[];
  cachedMethods: string[];
  viewerProtocolPolicy: string;
  functionAssociations?: unknown[];
}

interface Origin {
  originId: string;
  domainName: string;
  customOriginConfig?: { originProtocolPolicy: string; originSslProtocols: string[] };
  customHeaders?: { name: string; value: string }[];
}

const distribution = (run: Deployment) =>
  run.inputs<{
    defaultCacheBehavior: Behavior;
    orderedCacheBehaviors?: Behavior[];
    origins: Origin[];
    aliases: string[];
  }>(TYPES.distribution, 'RouterCdnDistribution');

describe('the Router (CloudFront)', () => {
  it('serves every path but /api/* and the sharded layout through one behaviour whose cache key holds Origin, which it forwards', () => {
    // S3 answers a request with Origin with Access-Control-Allow-Origin, one without with none;
    // without Origin in the key a cross-origin reader could get the copy cached for the other.
    // The layout's behaviours (test/layout-cache.test.ts) differ from it only in their TTLs.
    for (const run of [dev(), production()]) {
      const { defaultCacheBehavior, orderedCacheBehaviors } = distribution(run);
      expect((orderedCacheBehaviors ?? []).map((b) => b.pathPattern)).toEqual([
        '/api/*',
        '/records/v1/shards/*',
        '/records/v1/nodes/*',
        '/records/v1/*',
      ]);
      expect(defaultCacheBehavior.originRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST);
      expect(defaultCacheBehavior.cachedMethods).toEqual(['GET', 'HEAD']);
      expect(defaultCacheBehavior.viewerProtocolPolicy).toBe('redirect-to-https');
      const policy = run.one(TYPES.cachePolicy, 'RouterServerCachePolicy');
      expect(defaultCacheBehavior.cachePolicyId).toBe(policy.state.id);
      const { headersConfig } = (policy.inputs as unknown as CachePolicy)
        .parametersInCacheKeyAndForwardedToOrigin;
      expect(headersConfig.headerBehavior).toBe('whitelist');
      expect(headersConfig.headers.items.map((h) => h.toLowerCase())).toContain('origin');
    }
  });

  it('caches the snapshot only as long as its own Cache-Control says (default TTL 0)', () => {
    expect(dev().inputs<CachePolicy>(TYPES.cachePolicy, 'RouterServerCachePolicy').defaultTtl).toBe(
      0,
    );
  });

  it('routes /records to the site bucket and everything else to the site', () => {
    const run = dev();
    const routes = run.dynamic('KvRoutesUpdate').map((r) => String(r.inputs.entry).split(','));
    // [type, namespace, host, path]
    expect(routes.map(([type, , host, path]) => [type, host, path]).sort()).toEqual([
      ['bucket', '', '/records'],
      ['site', '', ''],
    ]);
    const bucketRoute = routes.find(([type]) => type === 'bucket')!;
    const keys = run.dynamic('KvKeys').find((r) => r.inputs.namespace === bucketRoute[1])!;
    const metadata = JSON.parse(String((keys.inputs.entries as { metadata: string }).metadata));
    expect(metadata.domain).toBe(
      run.state(TYPES.bucket, 'SiteDataBucket').bucketRegionalDomainName,
    );
  });

  it('sends /api/* to the HTTP API uncached, with every viewer header but Host, for every method', () => {
    // As the existing club's edge: https://<site>/api/v1/attest is the URL the club documents.
    expect(ALL_VIEWER_EXCEPT_HOST_POLICY).toBe(ALL_VIEWER_EXCEPT_HOST);
    expect(CACHING_DISABLED_POLICY).toBe(CACHING_DISABLED);
    for (const run of [dev(), production()]) {
      const { orderedCacheBehaviors, origins } = distribution(run);
      const api = orderedCacheBehaviors?.find((b) => b.pathPattern === '/api/*');
      expect(api).toEqual({
        pathPattern: '/api/*',
        targetOriginId: 'api',
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: API_METHODS,
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: CACHING_DISABLED,
        originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
      });
      expect([...API_METHODS].sort()).toEqual(
        ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'].sort(),
      );
      const endpoint = new URL(run.state<{ apiEndpoint: string }>(TYPES.api, 'ApiApi').apiEndpoint);
      expect(origins.find((o) => o.originId === 'api')).toMatchObject({
        domainName: endpoint.host,
        customOriginConfig: { originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
        // The Router's secret (test/api-needs.test.ts).
        customHeaders: [{ name: 'X-Symval-Router-Secret', value: expect.any(String) }],
      });
    }
  });

  it('keeps the HTTP API’s own URL as the API output, beside the Router’s /api/*', () => {
    const run = production();
    expect(run.outputs.api).toBe(run.state(TYPES.api, 'ApiApi').apiEndpoint);
    expect(run.all(TYPES.apiRoute).map((r) => r.inputs.routeKey)).toEqual(['ANY /api/{proxy+}']);
  });

  it('serves production on its main name and its aliases, with no second distribution', () => {
    const run = production();
    expect(distribution(run).aliases).toEqual(['zq.suns.bz', 'suns.bz', 'zb.snus.suns.bz']);
    expect(run.all(TYPES.distribution).map((d) => d.name)).toEqual(['RouterCdnDistribution']);
    expect(run.outputs.site).toBe('https://zq.suns.bz');
    expect(run.outputs.snapshot).toBe('https://zq.suns.bz/records/domains.json');
  });
});

describe('the site', () => {
  const builder = (run: Deployment) =>
    run.inputs<{
      create: string;
      update: string;
      dir: string;
      environment: Record<string, string>;
    }>(TYPES.command, 'WebBuilder');

  it('is built by its own build script alone, in apps/web, while SST bundles the functions', () => {
    // The functions bundle the workspace packages' dist/ during the deploy; a build command
    // that rebuilt those packages (`rm -rf dist && tsc`) would race with the bundling.
    const { create, update, dir } = builder(dev());
    expect(create).toBe('pnpm run build');
    expect(update).toBe(create);
    expect(create).not.toMatch(/--filter|(^|\s)-F\s|(^|\s)-r(\s|$)|--recursive|\.\.\./);
    expect(dir.endsWith(join('apps', 'web'))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'apps/web/package.json'), 'utf8')) as {
      name: string;
      scripts: Record<string, string>;
    };
    expect(pkg.name).toBe('@symval/web');
    expect(pkg.scripts.build).toBe('vite build');
  });

  it('is deployed after one build of the whole workspace', () => {
    const pkg = JSON.parse(readFileSync(join(CONFIG_DIR, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['sst:deploy']).toBe('pnpm --dir .. run build && sst deploy');
  });

  it('is built with the deployed API’s URL and uploaded with what the build wrote', () => {
    const run = dev();
    expect(builder(run).environment).toEqual({
      VITE_API_BASE: run.state(TYPES.api, 'ApiApi').apiEndpoint,
    });
    const files = run.dynamic('BucketFiles')[0]!;
    expect((files.inputs.files as { key: string }[]).map((f) => f.key).sort()).toEqual([
      'index.html',
      'owners/_/index.html',
    ]);
  });

  it('has SST’s Vite types written under infra/.sst, not into apps/web/src', () => {
    const { sandbox } = dev().result;
    expect(Object.keys(sandbox ?? {})).toEqual(['infra/.sst/web-env.d.ts']);
    expect(sandbox?.['infra/.sst/web-env.d.ts']).toContain('readonly VITE_API_BASE: string');
  });

  it('waits for the CDN invalidation in production only', () => {
    const wait = (run: Deployment) => run.dynamic('DistributionInvalidation')[0]?.inputs.wait;
    expect(wait(production())).toBe(true);
    expect(wait(dev())).toBe(false);
  });

  it('refuses a SYMVAL_DOMAIN that is not a DNS name, creating nothing', async () => {
    const result = await evaluateConfig({
      stage: 'dev',
      env: { SYMVAL_DOMAIN: 'https://suns.example/' },
    });
    expect(result.error).toMatchObject({ code: 'env.invalid' });
    expect(result.resources.filter((r) => r.custom)).toEqual([]);
  });
});
