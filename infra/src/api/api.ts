import { httpApiPermissions } from '../access/policies.js';
import { functionDefaults } from '../functions/defaults.js';
import { HANDLERS } from '../functions/handlers.js';
import type { StageSettings } from '../stage/settings.js';
import type { Storage } from '../storage/storage.js';

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

/** The httpapi function and the HTTP API in front of it. */
export interface Api {
  fn: sst.aws.Function;
  api: sst.aws.ApiGatewayV2;
}

/**
 * Creates the httpapi function behind an HTTP API with one greedy route.
 *
 * API Gateway has no CORS configuration at all: the app answers preflights itself from
 * `SITE_ORIGIN`, so there is one CORS policy and it can expose `Retry-After`. With a CORS
 * configuration, even an empty one, API Gateway answers every `OPTIONS` itself and drops the
 * CORS headers of the function's responses (see {@link withoutApiGatewayCors}). The site
 * calls the API on its own domain rather than through the Router, so API Gateway sees the
 * client's address, which both the stage throttling and the app's per-client rate limit use.
 */
export function createApi(options: {
  settings: StageSettings;
  storage: Storage;
  /** `SITE_ORIGIN`: the site's URL in production, `*` in other stages. */
  siteOrigin: $util.Input<string>;
}): Api {
  const { settings, storage } = options;
  const defaults = functionDefaults(settings, 'httpapi');

  const fn = new sst.aws.Function('HttpApi', {
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
    link: [storage.links.domainTable],
    permissions: httpApiPermissions({ tableArn: storage.table.arn }),
  });

  const api = new sst.aws.ApiGatewayV2('Api', {
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
  });
  api.route(API_ROUTE, fn.arn);

  return { fn, api };
}
