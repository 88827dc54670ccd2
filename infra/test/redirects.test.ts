// The Router's viewer-request CloudFront Function as the real config deploys it (SST's routing
// with the site's redirect rules injected), run as CloudFront would: in a context of its own,
// with a stand-in for the `cloudfront` module that serves the KeyValueStore entries the
// deployment wrote. Old paths must redirect before any routing; everything else must still
// reach SST's routes.
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { routerEdge, viewerRequestCode } from '../src/site/redirects.js';
import type { Deployment } from './sst/deployment.js';
import { dev, production, staging } from './sst/shared.js';

const FUNCTION_TYPE = 'aws:cloudfront/function:Function';
const OWNER_PAGE = '//:sd%CA%87%CA%87%C9%A5'; // //:sdʇʇɥ as a browser sends it
/** The injected rules in the deployed code, from their first line to their last. */
const INJECTION = /const symvalRedirects=[\s\S]*?event\.request = symvalAnswer;/;

interface Answer {
  statusCode?: number;
  headers?: Record<string, { value: string }>;
  uri?: string;
}

/** The Router's viewer-request function: its code and runtime. */
function routerFunction(run: Deployment): { code: string; runtime: string } {
  return run.inputs<{ code: string; runtime: string }>(
    FUNCTION_TYPE,
    'RouterCloudfrontFunctionRequest',
  );
}

/** The KeyValueStore as the deployment fills it: each route, and each namespace's keys. */
function keyValueStore(run: Deployment): Map<string, string> {
  const kv = new Map<string, string>();
  const routes = new Map<string, string[]>();
  for (const route of run.dynamic('KvRoutesUpdate')) {
    const { namespace, key, entry } = route.inputs as {
      namespace: string;
      key: string;
      entry: string;
    };
    const name = `${namespace}:${key}`;
    routes.set(name, [...(routes.get(name) ?? []), entry]);
  }
  for (const [name, entries] of routes) kv.set(name, JSON.stringify(entries));
  for (const keys of run.dynamic('KvKeys')) {
    const { namespace, entries } = keys.inputs as {
      namespace: string;
      entries: Record<string, string>;
    };
    for (const [key, value] of Object.entries(entries)) kv.set(`${namespace}:${key}`, value);
  }
  return kv;
}

/** Runs `code` as CloudFront would, `import cf from "cloudfront"` served by the stand-in. */
function evaluate(code: string, kv: Map<string, string>) {
  const origins: unknown[] = [];
  const cf = {
    kvs: () => ({
      get: async (key: string) => {
        const value = kv.get(key);
        if (value === undefined) throw new Error(`KeyNotFound: ${key}`);
        return value;
      },
    }),
    updateRequestOrigin: (origin: unknown) => origins.push(origin),
  };
  const body = code.replace(/^\s*import cf from "cloudfront";\s*$/m, '');
  expect(body).not.toBe(code);
  const handler = vm.runInNewContext(`${body}\n;handler`, { cf }) as (
    e: unknown,
  ) => Promise<Answer>;
  return {
    origins,
    async request(uri: string, options: { host: string; query?: string; method?: string }) {
      const raw = options.query;
      return handler({
        version: '1.0',
        context: { eventType: 'viewer-request' },
        viewer: { ip: '192.0.2.1' },
        request: {
          method: options.method ?? 'GET',
          uri,
          querystring: {},
          headers: { host: { value: options.host } },
          cookies: {},
          rawQueryString: () => raw,
        },
      });
    },
  };
}

function redirectOf(answer: Answer) {
  return { status: answer.statusCode, location: answer.headers?.location?.value };
}

describe('the Router’s viewer-request function', () => {
  it('fits CloudFront’s 10 KB limit with the redirect rules in it, on cloudfront-js-2.0', () => {
    // staging has a domain with an alias (the longest settings line); production has the
    // CloudFront-domain block SST adds for a stage with a domain.
    for (const [stage, run] of [
      ['dev', dev()],
      ['production', production()],
      ['staging', staging()],
    ] as const) {
      const { code, runtime } = routerFunction(run);
      expect(runtime).toBe('cloudfront-js-2.0');
      expect(code).toMatch(INJECTION);
      // CloudFront Functions: at most 10 KB of code (10,240 bytes, UTF-8).
      const bytes = Buffer.byteLength(code, 'utf8');
      expect(bytes, `${stage}: ${bytes} bytes`).toBeLessThanOrEqual(10 * 1024);
    }
  });

  it('redirects every old path of the first site before any routing, keeping the query', async () => {
    for (const [run, host] of [
      [dev(), 'd111111abcdef8.cloudfront.net'],
      [production(), 'suns.example'],
    ] as const) {
      // In production SST answers 403 to the CloudFront domain itself; a dev stage lives there.
      const fn = evaluate(routerFunction(run).code, keyValueStore(run));
      const cases: [string, string | undefined, string][] = [
        ['/groupid/', undefined, '/group-id/'],
        ['/groupid', 'x=1', '/group-id/?x=1'],
        ['/home/', undefined, '/'],
        ['/design/', undefined, '/how-it-works/'],
        [OWNER_PAGE, 'ref=ring&a=%20', '/?ref=ring&a=%20'],
        ['/:sd%CA%87%CA%87%C9%A5', undefined, '/'],
        [`${OWNER_PAGE}/`, undefined, '/'],
      ];
      for (const [uri, query, location] of cases) {
        expect({ uri, ...redirectOf(await fn.request(uri, { host, query })) }).toEqual({
          uri,
          status: 301,
          location,
        });
      }
      expect(fn.origins).toEqual([]);
    }
  });

  it('runs the owner page rule in the Router: /owners/<id> gets its slash before any routing', async () => {
    const id = 'DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk';
    const fn = evaluate(routerFunction(production()).code, keyValueStore(production()));
    const answer = await fn.request(`/owners/${id}`, { host: 'suns.example', query: 'a=1' });
    expect(redirectOf(answer)).toEqual({ status: 301, location: `/owners/${id}/?a=1` });
    expect(fn.origins).toEqual([]);
  });

  it('serves every owner page from the site’s one owners/_/index.html, as the build writes it', async () => {
    // The simulated build writes owners/_/index.html as `vite build` does (test/sst/mocks.ts);
    // SST's routing sends a path under one of the build's directories (owners/) to the site
    // bucket, so the rule's rewrite is what finds the page.
    for (const [run, host] of [
      [dev(), 'd111111abcdef8.cloudfront.net'],
      [production(), 'suns.example'],
    ] as const) {
      const fn = evaluate(routerFunction(run).code, keyValueStore(run));
      const home = await fn.request('/', { host });
      expect(home.uri).toBe('/index.html');
      const siteOrigin = fn.origins.at(-1);
      for (const id of [
        'DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk',
        'a_b-cdefghijklmnopqrstuvwxyz0123456789ABCDE',
      ]) {
        for (const uri of [`/owners/${id}/`, `/owners/${id}/index.html`]) {
          const page = await fn.request(uri, { host, query: 'x=1' });
          expect({ uri, status: page.statusCode, served: page.uri }).toEqual({
            uri,
            status: undefined,
            served: '/owners/_/index.html',
          });
          // From the site's bucket, as the members page is.
          expect(fn.origins.at(-1)).toEqual(siteOrigin);
        }
      }
      // Not an owner page id (43 characters of base64url): the site's 404 page. SST's routing
      // sends every path under a directory of the build (owners/ now) to the site bucket as it
      // is, so passed on this would reach S3 as a key that does not exist, and S3 answers that
      // with a bare 403; the rules send it to the 404 page instead, from the site's bucket.
      for (const uri of [
        '/owners/short/',
        '/owners/DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkw!/',
        '/owners/',
      ]) {
        expect({ uri, to: (await fn.request(uri, { host })).uri }).toEqual({
          uri,
          to: '/404.html',
        });
        expect(fn.origins.at(-1)).toEqual(siteOrigin);
      }
    }
  });

  it('routes every other request as before: the site to its bucket, /records to the data bucket', async () => {
    const run = production();
    const fn = evaluate(routerFunction(run).code, keyValueStore(run));
    const page = await fn.request('/', { host: 'suns.example' });
    expect(page.statusCode).toBeUndefined();
    expect(page.uri).toBe('/index.html');
    const snapshot = await fn.request('/records/domains.json', { host: 'suns.example' });
    expect(snapshot.uri).toBe('/records/domains.json');
    const domains = (fn.origins as { domainName?: string; s3?: { domainName: string } }[]).map(
      (origin) => origin.domainName ?? origin.s3?.domainName,
    );
    expect(domains).toHaveLength(2);
    expect(domains[1]).toBe(
      run.state('aws:s3/bucket:Bucket', 'SiteDataBucket').bucketRegionalDomainName,
    );
  });

  it('answers a path with no file with the site’s 404 page at any depth, never the members page', async () => {
    const run = production();
    const fn = evaluate(routerFunction(run).code, keyValueStore(run));
    const answers: Record<string, string | undefined> = {};
    for (const missing of ['/game/', '/a/b/c', '/todo', '/nothing.js']) {
      answers[missing] = (await fn.request(missing, { host: 'suns.example' })).uri;
    }
    expect(answers).toEqual({
      '/game/': '/404.html',
      '/a/b/c': '/404.html',
      '/todo': '/404.html',
      '/nothing.js': '/404.html',
    });
    expect((await fn.request('/', { host: 'suns.example' })).uri).toBe('/index.html');
  });

  it('sends the apex to the main name with path and query, inside the same SST function', async () => {
    // The production config has one name so far; the club's own names go in where its
    // injection is, so the rules run with SST's routing exactly as deployed.
    const run = production();
    const { code } = routerFunction(run);
    const club = routerEdge({ mainHost: 'zq.suns.example', redirectHosts: ['suns.example'] });
    const fn = evaluate(
      code.replace(INJECTION, () => club.viewerRequest.injection),
      keyValueStore(run),
    );
    expect(
      redirectOf(await fn.request('/join/', { host: 'suns.example', query: 'a=1&b=%2F' })),
    ).toEqual({ status: 301, location: 'https://zq.suns.example/join/?a=1&b=%2F' });
    expect(redirectOf(await fn.request('/groupid/', { host: 'suns.example', query: 'x' }))).toEqual(
      { status: 301, location: 'https://zq.suns.example/group-id/?x' },
    );
    expect(
      redirectOf(await fn.request('/api/v1/attest', { host: 'suns.example', method: 'POST' })),
    ).toEqual({ status: 308, location: 'https://zq.suns.example/api/v1/attest' });
    const served = await fn.request('/', { host: 'zq.suns.example' });
    expect(served.statusCode).toBeUndefined();
    expect(served.uri).toBe('/index.html');
  });

  it('takes its settings from the deployment: the domain is the main name, the apex above it redirects', () => {
    // The minified settings object, read as the function reads it.
    const settingsOf = (run: Deployment) => {
      const literal = routerFunction(run).code.match(/\{mainHost:.*?scheme:"https"\}/)?.[0];
      return literal === undefined ? undefined : vm.runInNewContext(`(${literal})`);
    };
    expect(settingsOf(production())).toEqual({
      mainHost: 'zq.suns.bz',
      redirectHosts: ['suns.bz'],
      scheme: 'https',
    });
    expect(settingsOf(dev())).toEqual({ mainHost: null, redirectHosts: [], scheme: 'https' });
  });
});

describe('viewerRequestCode', () => {
  it('puts the settings on the rules’ one settings line', () => {
    const code = viewerRequestCode({ mainHost: 'zq.suns.bz', redirectHosts: ['suns.bz'] });
    expect(code.match(/^var SETTINGS = .*;$/gm)).toEqual([
      'var SETTINGS = {"mainHost":"zq.suns.bz","redirectHosts":["suns.bz"],"scheme":"https"};',
    ]);
  });
});
