// How long CloudFront keeps the files of the sharded layout (packages/records/README.md): the
// builder's Cache-Control on each kind of file, as cache behaviours of the Router.
import { LAYOUT_FOLDER } from '../functions/keys.js';

/**
 * Shards and nodes are named by their content and never rewritten: the builder sends
 * `public, max-age=31536000, immutable`, and CloudFront keeps them that year too.
 */
export const LAYOUT_IMMUTABLE_MAX_AGE_SECONDS = 31_536_000;

/**
 * `index.json` and the owner directory are replaced in place: the builder sends
 * `public, max-age=15`, and CloudFront keeps them no longer, whatever an object says.
 */
export const LAYOUT_INDEX_MAX_AGE_SECONDS = 15;

/** The two ways the layout is cached. */
export type LayoutCaching = 'immutable' | 'index';

/**
 * The Router's behaviours for the layout, in CloudFront's order (the first matching pattern
 * wins): the content-named folders first, then everything else of the folder, which is
 * `index.json`, `owners/` and any file a later v1 adds, kept briefly, so a new kind of file can
 * never be cached past its replacement.
 */
export const LAYOUT_BEHAVIOURS: readonly { pathPattern: string; caching: LayoutCaching }[] = [
  { pathPattern: `/${LAYOUT_FOLDER}shards/*`, caching: 'immutable' },
  { pathPattern: `/${LAYOUT_FOLDER}nodes/*`, caching: 'immutable' },
  { pathPattern: `/${LAYOUT_FOLDER}*`, caching: 'index' },
];

/** The layout is read-only: reads and CORS preflights. */
export const LAYOUT_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** The TTLs of each way of caching: CloudFront caches `max-age` within [minTtl, maxTtl]. */
export const LAYOUT_TTLS: Record<
  LayoutCaching,
  { minTtl: number; defaultTtl: number; maxTtl: number }
> = {
  immutable: {
    minTtl: 0,
    defaultTtl: LAYOUT_IMMUTABLE_MAX_AGE_SECONDS,
    maxTtl: LAYOUT_IMMUTABLE_MAX_AGE_SECONDS,
  },
  index: {
    minTtl: 0,
    defaultTtl: LAYOUT_INDEX_MAX_AGE_SECONDS,
    maxTtl: LAYOUT_INDEX_MAX_AGE_SECONDS,
  },
};

/** The cache policy of each way of caching the layout. */
export type LayoutCachePolicies = Record<LayoutCaching, aws.cloudfront.CachePolicy>;

/**
 * The layout's two cache policies. Their key holds `headers` (the Router's `Origin`, for S3's
 * CORS answers, as on the default behaviour) and no query string: every file's content is its
 * path's, so `?v=…` from a reader does not split the cache.
 */
export function createLayoutCachePolicies(options: {
  headers: readonly string[];
  parent?: $util.Resource;
}): LayoutCachePolicies {
  const policy = (name: string, caching: LayoutCaching, comment: string) =>
    new aws.cloudfront.CachePolicy(
      name,
      {
        comment,
        ...LAYOUT_TTLS[caching],
        parametersInCacheKeyAndForwardedToOrigin: {
          cookiesConfig: { cookieBehavior: 'none' },
          headersConfig: { headerBehavior: 'whitelist', headers: { items: [...options.headers] } },
          queryStringsConfig: { queryStringBehavior: 'none' },
          enableAcceptEncodingBrotli: true,
          enableAcceptEncodingGzip: true,
        },
      },
      { parent: options.parent },
    );
  return {
    immutable: policy(
      'RouterLayoutImmutableCachePolicy',
      'immutable',
      'symval records/v1 shards and nodes: content-named, never rewritten',
    ),
    index: policy(
      'RouterLayoutIndexCachePolicy',
      'index',
      'symval records/v1 index and owner directory: replaced in place',
    ),
  };
}

type CdnTransform = NonNullable<NonNullable<sst.aws.RouterArgs['transform']>['cdn']>;
type CdnArgs = Parameters<Extract<CdnTransform, (...args: never[]) => unknown>>[0];

/**
 * Adds {@link LAYOUT_BEHAVIOURS} after the distribution's other ordered behaviours. Each is the
 * default behaviour (SST's: its origin, its viewer-request function, which routes `/records` to
 * the site bucket, its origin request policy) with the layout's cache policy and methods.
 */
export function withLayoutBehaviours(policies: LayoutCachePolicies): (args: CdnArgs) => undefined {
  return (args) => {
    args.orderedCacheBehaviors = $util
      .all([
        args.orderedCacheBehaviors ?? [],
        args.defaultCacheBehavior,
        policies.immutable.id,
        policies.index.id,
      ])
      .apply(([behaviours, base, immutable, index]) => {
        const { cachePolicyId: _policy, allowedMethods: _methods, ...routed } = base;
        return [
          ...behaviours,
          ...LAYOUT_BEHAVIOURS.map((b) => ({
            ...routed,
            pathPattern: b.pathPattern,
            allowedMethods: LAYOUT_METHODS,
            cachedMethods: ['GET', 'HEAD'],
            cachePolicyId: b.caching === 'immutable' ? immutable : index,
          })),
        ];
      });
    return undefined;
  };
}
