import { httpApiPermissions } from '../access/policies.js';
import { functionDefaults } from '../functions/defaults.js';
import { HANDLERS } from '../functions/handlers.js';
import type { StageSettings } from '../stage/settings.js';
import type { Storage } from '../storage/storage.js';
import type { RateLimitTable } from './rate-limit-table.js';
import type { RouterSecret } from './router-secret-resource.js';

/** The one route: the app (Hono) does its own routing below `/api/`. */
export const API_ROUTE = 'ANY /api/{proxy+}';

/**
 * Leaves the HTTP API without `corsConfiguration`. SST 4.17.1 turns `cors: false` into an
 * empty `corsConfiguration` (anomalyco/sst#6748), and any configuration makes API Gateway
 * answer preflights itself (here allowing nothing) and replace the CORS headers of the
 * function's responses with its own, so every browser call would fail.
 */
export function withoutApiGatewayCors(args: aws.apigatewayv2.ApiArgs): undefined {
  delete args.corsConfiguration;
  return undefined;
}

/**
 * Creates the HTTP API (API Gateway) with its stage throttling and access logs, and no CORS
 * configuration at all: the app answers preflights itself, so there is one CORS policy and
 * it can expose `Retry-After`. With a CORS configuration, even an empty one, API Gateway
 * answers every `OPTIONS` itself and drops the CORS headers of the function's responses (see
 * {@link withoutApiGatewayCors}).
 *
 * The endpoint is shared (the site is built with its URL and the Router forwards `/api/*` to
 * it), so it is created once, in the shared unit; the API app adds its route
 * ({@link createApiFunction}). Shipping the API then changes neither the site nor the Router.
 */
export function createApiGateway(options: {
  settings: StageSettings;
  parent?: $util.Resource;
}): sst.aws.ApiGatewayV2 {
  const { settings } = options;
  return new sst.aws.ApiGatewayV2(
    'Api',
    {
      cors: false,
      accessLog: { retention: settings.logRetention },
      transform: {
        api: withoutApiGatewayCors,
        stage: {
          defaultRouteSettings: {
            throttlingBurstLimit: settings.apiThrottle.burstLimit,
            throttlingRateLimit: settings.apiThrottle.rateLimit,
          },
        },
      },
    },
    { parent: options.parent },
  );
}

/**
 * Creates the httpapi function and its one greedy route on the HTTP API.
 *
 * API Gateway sees each client's address for its stage throttling and the app's per-client
 * rate limit when the client calls it on its own domain, as the site does; requests through
 * the Router's `/api/*` come from CloudFront (see src/site/api-route.ts).
 */
export function createApiFunction(options: {
  settings: StageSettings;
  storage: Storage;
  gateway: sst.aws.ApiGatewayV2;
  /** `SITE_ORIGIN`: the stage's CORS origins (`*`, or a comma-separated list). */
  siteOrigin: $util.Input<string>;
  /** The shared counters of the per-client rate limit (`RATE_LIMIT_TABLE_NAME`, linked). */
  rateLimit: RateLimitTable;
  /** The Router's secret (`ROUTER_SECRET`), linked only: never in the environment. */
  routerSecret: RouterSecret;
  parent?: $util.Resource;
}): sst.aws.Function {
  const { settings, storage } = options;
  const defaults = functionDefaults(settings, 'httpapi');

  const fn = new sst.aws.Function(
    'HttpApi',
    {
      ...defaults,
      handler: HANDLERS.httpapi,
      description: 'symval HTTP API: attestation and record lookups',
      memory: '512 MB',
      // API Gateway gives up after 30 s; DNS lookups are bounded well below that.
      timeout: '20 seconds',
      environment: {
        ...defaults.environment,
        DOMAIN_TABLE_NAME: storage.table.name,
        SITE_ORIGIN: options.siteOrigin,
      },
      // RATE_LIMIT_TABLE_NAME and ROUTER_SECRET are read from these links (the settings'
      // declared fallback) rather than set as variables: a link is encrypted into the bundle.
      link: [storage.links.domainTable, options.rateLimit.link, options.routerSecret.link],
      permissions: httpApiPermissions({
        tableArn: storage.table.arn,
        rateLimitTableArn: options.rateLimit.table.arn,
      }),
    },
    { parent: options.parent },
  );
  options.gateway.route(API_ROUTE, fn.arn);
  return fn;
}
