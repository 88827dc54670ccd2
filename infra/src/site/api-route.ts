/** The Router's path for the API: `https://<site>/api/v1/attest` is the club's documented URL. */
export const API_PATH_PATTERN = '/api/*';

/** CloudFront's managed cache policy CachingDisabled: nothing of the API is cached. */
export const CACHING_DISABLED_POLICY = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

/**
 * CloudFront's managed origin request policy AllViewerExceptHostHeader: every viewer header,
 * query string and cookie, and CloudFront's own headers (`CloudFront-Viewer-Address` among
 * them), but not `Host`, with which API Gateway would not find the API.
 */
export const ALL_VIEWER_EXCEPT_HOST_POLICY = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/** The distribution's origin id for the HTTP API. */
export const API_ORIGIN_ID = 'api';

/** The methods the API answers; CloudFront forwards all of them on this path. */
export const API_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/** Where the Router sends `/api/*`. */
export interface ApiOrigin {
  /** The HTTP API's URL (`https://<id>.execute-api.<region>.amazonaws.com`). */
  url: $util.Input<string>;
  /**
   * Headers CloudFront adds to every request it forwards to the API (origin custom headers,
   * which a viewer cannot set or see): the Router secret, which tells the API a request came
   * through the Router (src/api/router-secret.ts).
   */
  headers?: Record<string, $util.Input<string>>;
}

type CdnTransform = NonNullable<NonNullable<sst.aws.RouterArgs['transform']>['cdn']>;
type CdnArgs = Parameters<Extract<CdnTransform, (...args: never[]) => unknown>>[0];

/**
 * Adds `/api/*` to the Router's distribution, as the existing club's edge has it: a cache
 * behaviour of its own (before the default one, which SST's routing function serves) to an
 * origin that is the HTTP API, over HTTPS only, with caching disabled and every viewer header
 * but `Host` forwarded, for every method. No viewer function runs on it: requests reach the
 * API exactly as sent, a POST to any of the site's names included. The HTTP API's own URL
 * keeps working beside it.
 */
export function withApiBehaviour(api: ApiOrigin): (args: CdnArgs) => undefined {
  return (args) => {
    const origin = $util.all([api.url, api.headers ?? {}]).apply(([url, headers]) => ({
      originId: API_ORIGIN_ID,
      domainName: new URL(url).host,
      customOriginConfig: {
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: 'https-only',
        originSslProtocols: ['TLSv1.2'],
        // API Gateway's own limit for an HTTP API integration.
        originReadTimeout: 30,
      },
      customHeaders: Object.entries(headers).map(([name, value]) => ({ name, value })),
    }));
    args.origins = $util
      .all([args.origins, origin])
      .apply(([origins, added]) => [...origins, added]);
    args.orderedCacheBehaviors = $util
      .output(args.orderedCacheBehaviors ?? [])
      .apply((behaviours) => [
        {
          pathPattern: API_PATH_PATTERN,
          targetOriginId: API_ORIGIN_ID,
          viewerProtocolPolicy: 'redirect-to-https',
          allowedMethods: API_METHODS,
          cachedMethods: ['GET', 'HEAD'],
          cachePolicyId: CACHING_DISABLED_POLICY,
          originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_POLICY,
        },
        ...behaviours,
      ]);
    return undefined;
  };
}
