import type { StageSettings } from '../stage/settings.js';
import { type ApiOrigin, withApiBehaviour } from './api-route.js';
import { createLayoutCachePolicies, withLayoutBehaviours } from './layout-cache.js';
import { type RedirectSettings, routerEdge } from './redirects.js';

/** The path the Router sends to the site bucket: `/records/domains.json` and anything beside it. */
export const RECORDS_ROUTE = '/records';

/**
 * The web app, relative to `sst.config.ts`, and how SST builds it during the deploy (it has
 * to: `VITE_API_BASE` is known only then). The command builds the site alone, in its own
 * directory: the workspace packages are built once before `sst deploy` (`pnpm build`, which
 * `pnpm sst:deploy` runs), because SST bundles the functions from those packages' `dist/`
 * while the site builds, and a package build starts with `rm -rf dist`.
 */
export const WEB_APP = {
  path: '../apps/web',
  build: { command: 'pnpm run build', output: 'dist' },
  // Behind a Router, SST uses `indexPage` for one thing only: the page a path with no file
  // gets (its default, index.html, would answer /game/ with the members page, whose relative
  // links break below /). The site's 404 page links absolutely, so it works at any depth.
  // It comes with status 200: `errorPage` would give S3's bare 403 instead, and CloudFront's
  // custom error responses are per distribution, so they would replace the API's JSON 404s
  // too (why the first club's edge had them commented out). The page carries `noindex`.
  indexPage: '404.html',
  // SST writes Vite types for the site's environment on every deploy; by default into
  // apps/web/src/sst-env.d.ts, a file the repository does not keep. Relative to `path`.
  viteTypes: '../../infra/.sst/web-env.d.ts',
} as const;

/**
 * The headers the Router's cache keys on, besides SST's own. `Origin`: the Router forwards
 * it to S3 (SST's origin request policy forwards every viewer header), and S3 answers with
 * `Access-Control-Allow-Origin` only when a request has one; without `Origin` in the key, a
 * copy cached from a request without it would be served to a cross-origin reader, whose
 * browser then refuses it.
 */
export const ROUTER_CACHE_KEY_HEADERS = ['origin'];

/** Adds {@link ROUTER_CACHE_KEY_HEADERS} to the Router's cache policy. */
export function withCacheKeyHeaders(args: aws.cloudfront.CachePolicyArgs): undefined {
  const parameters = args.parametersInCacheKeyAndForwardedToOrigin as {
    headersConfig: { headerBehavior: string; headers?: { items?: string[] } };
  };
  const items = parameters.headersConfig.headers?.items ?? [];
  parameters.headersConfig = {
    headerBehavior: 'whitelist',
    headers: { items: [...items, ...ROUTER_CACHE_KEY_HEADERS.filter((h) => !items.includes(h))] },
  };
  return undefined;
}

/**
 * The CloudFront distribution every browser request goes to. With `domain` (src/domain), the
 * site is served on its main name and aliases (Route 53 must host the zone). `/api/*` goes
 * to the HTTP API (src/site/api-route.ts); the sharded layout under `/records/v1/` is cached
 * as its files' own headers say (src/site/layout-cache.ts).
 */
export function createRouter(options: {
  domain: sst.aws.RouterArgs['domain'];
  api: ApiOrigin;
  /** The site's redirect rules' settings (apps/web/edge/viewer-request.js). */
  redirects: RedirectSettings;
  parent?: $util.Resource;
}): sst.aws.Router {
  const layout = createLayoutCachePolicies({
    headers: ROUTER_CACHE_KEY_HEADERS,
    parent: options.parent,
  });
  const api = withApiBehaviour(options.api);
  const layoutBehaviours = withLayoutBehaviours(layout);
  return new sst.aws.Router(
    'Router',
    {
      ...(options.domain ? { domain: options.domain } : {}),
      edge: routerEdge(options.redirects),
      transform: {
        cachePolicy: withCacheKeyHeaders,
        cdn: (args) => {
          api(args);
          layoutBehaviours(args);
        },
      },
    },
    { parent: options.parent },
  );
}

/**
 * Serves the site and the snapshot from one origin through the Router:
 *
 * - `/records/*` goes to the site bucket, where the streamer publishes the snapshot. The
 *   web app's default (`records/domains.json`, relative to the site) then needs no
 *   configuration, and the Router serves nothing else from that bucket (`state/` has no
 *   route and is denied in the bucket policy).
 * - everything else is the built web app, uploaded by `StaticSite` to a bucket of its own.
 *   Sharing the site bucket instead would mean granting CloudFront the whole bucket and
 *   letting each deploy's purge of old assets run where `records/` and `state/` live.
 *
 * The API's URL is built into the site (`VITE_API_BASE`), which also adds its origin to
 * the pages' Content-Security-Policy `connect-src`.
 */
export function createSite(options: {
  settings: StageSettings;
  router: sst.aws.Router;
  bucket: sst.aws.Bucket;
  apiUrl: $util.Input<string>;
  parent?: $util.Resource;
}): sst.aws.StaticSite {
  options.router.routeBucket(RECORDS_ROUTE, options.bucket);
  return new sst.aws.StaticSite(
    'Web',
    {
      path: WEB_APP.path,
      build: { ...WEB_APP.build },
      indexPage: WEB_APP.indexPage,
      vite: { types: WEB_APP.viteTypes },
      router: { instance: options.router },
      environment: { VITE_API_BASE: options.apiUrl },
      invalidation: { paths: 'all', wait: options.settings.waitForInvalidation },
      dev: { command: 'pnpm dev' },
    },
    { parent: options.parent },
  );
}
