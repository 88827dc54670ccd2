import type { StageSettings } from '../stage/settings.js';

/** The path the Router sends to the site bucket: `/records/domains.json` and anything beside it. */
export const RECORDS_ROUTE = '/records';

/** The web app, relative to `sst.config.ts`, and how to build it with its workspace packages. */
export const WEB_APP = {
  path: '../apps/web',
  // `...` builds @symval/web's workspace dependencies first (their dist/ is what Vite reads).
  build: { command: 'pnpm --filter @symval/web... run build', output: 'dist' },
} as const;

/**
 * The CloudFront distribution every browser request goes to. With `domain`, the site is
 * served on it (Route 53 must host the zone) and `www.` redirects to it.
 */
export function createRouter(domain: string | undefined): sst.aws.Router {
  return new sst.aws.Router(
    'Router',
    domain ? { domain: { name: domain, redirects: [`www.${domain}`] } } : {},
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
}): sst.aws.StaticSite {
  options.router.routeBucket(RECORDS_ROUTE, options.bucket);
  return new sst.aws.StaticSite('Web', {
    path: WEB_APP.path,
    build: { ...WEB_APP.build },
    router: { instance: options.router },
    environment: { VITE_API_BASE: options.apiUrl },
    invalidation: { paths: 'all', wait: options.settings.waitForInvalidation },
    dev: { command: 'pnpm dev' },
  });
}
