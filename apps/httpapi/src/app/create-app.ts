import type { ClaimResolver } from '@symval/attestation';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { createClientKey } from '../client/client-key.js';
import { HttpApiError } from '../errors.js';
import { type AppLogger, createJsonLogger } from '../observability/logger.js';
import { type AppMetrics, createEmfMetrics } from '../observability/metrics.js';
import { createRateLimiter } from '../rate-limit/memory.js';
import type { RateLimiter, RateLimitSetting } from '../rate-limit/types.js';
import { registerAttest } from '../routes/attest.js';
import { registerGroups } from '../routes/groups.js';
import { registerMeta } from '../routes/meta.js';
import { registerWithdraw } from '../routes/withdraw.js';
import type { GroupStore } from '../store/group-store.js';
import type { RouteDeps } from './deps.js';
import type { AppEnv } from './env.js';
import { problem } from './problem.js';
import { requestContext } from './request-context.js';
import { storeUnavailable } from './store-unavailable.js';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Where claims come from: `createDnsClaimResolver` from `@symval/dns-claims` in production. */
  resolver: ClaimResolver;
  /** The DomainRecord table: `createRecordsGroupStore`. */
  store: GroupStore;
  /**
   * CORS origins allowed (`SITE_ORIGIN`). Default `['*']`: the API is public and takes no
   * credentials, so any site or tool may call it from a browser.
   */
  siteOrigins?: readonly string[];
  /**
   * Requests per client per window that may cost DNS (`ATTEST_RATE_LIMIT`), counted in this
   * process; or a `RateLimiter` (the shared one: `failOpen(createDynamoDbRateLimiter(...), ...)`).
   * Default 10/60 s in memory.
   */
  rateLimit?: RateLimitSetting | RateLimiter;
  /** Default: JSON lines through the Powertools logger. */
  logger?: AppLogger;
  /** Default: CloudWatch EMF through Powertools metrics. */
  metrics?: AppMetrics;
  /** The clock for validation times and rate-limit windows. */
  now?: () => Date;
  /**
   * Who a request comes from, for the rate limit. Default: `createClientKey({ routerSecrets })`:
   * the viewer CloudFront names for requests carrying the Router's secret, else API Gateway's
   * source IP or the socket address.
   */
  clientKey?: (c: Context<AppEnv>) => string;
  /** The Router's secrets (`ROUTER_SECRET`), for the default `clientKey`. */
  routerSecrets?: readonly string[];
  /** Retry-After seconds on an indeterminate answer. Default 30. */
  retryAfterSeconds?: number;
  /** Retry-After seconds when the table is throttled or failing (503 `store-unavailable`). Default 5. */
  storeRetryAfterSeconds?: number;
}

const KNOWN_OPTIONS = new Set([
  'resolver',
  'store',
  'siteOrigins',
  'rateLimit',
  'logger',
  'metrics',
  'now',
  'clientKey',
  'routerSecrets',
  'retryAfterSeconds',
  'storeRetryAfterSeconds',
]);

function checkOptions(options: AppOptions): void {
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new HttpApiError(
        'options.invalid',
        `unknown option ${JSON.stringify(key)}; known options are ${[...KNOWN_OPTIONS].join(', ')}`,
      );
    }
  }
  if (typeof options.resolver?.lookup !== 'function') {
    throw new HttpApiError('options.invalid', 'options.resolver must have a lookup(domain) method');
  }
  if (typeof options.store?.saveAttested !== 'function') {
    throw new HttpApiError('options.invalid', 'options.store must be a GroupStore');
  }
}

function corsOrigin(origins: readonly string[]): string | string[] {
  return origins.includes('*') ? '*' : [...origins];
}

/**
 * The symval HTTP API as a Hono app: `POST /api/v1/attest`, `POST /api/v1/withdraw`,
 * `GET /api/v1/groups/{groupId}`, `GET /api/v1/health`, `GET /api/v1/openapi.json`.
 * Entry points wrap it: `src/lambda.ts` for API Gateway, `startServer` for Node.
 *
 * @example
 * const app = createApp({
 *   resolver: createDnsClaimResolver({ servers: parseDnsServers(process.env.DNS_SERVERS) }),
 *   store: createRecordsGroupStore({ client, tableName: 'DomainRecord' }),
 *   siteOrigins: ['https://suns.example'],
 * });
 * const response = await app.request('/api/v1/health');
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  checkOptions(options);
  const logger = options.logger ?? createJsonLogger();
  const rateLimit = options.rateLimit ?? { count: 10, windowSeconds: 60 };
  const deps: RouteDeps = {
    resolver: options.resolver,
    store: options.store,
    limiter: 'take' in rateLimit ? rateLimit : createRateLimiter(rateLimit),
    metrics: options.metrics ?? createEmfMetrics(),
    now: options.now ?? (() => new Date()),
    clientKey:
      options.clientKey ??
      createClientKey(options.routerSecrets ? { routerSecrets: options.routerSecrets } : {}),
    retryAfterSeconds: options.retryAfterSeconds ?? 30,
    storeRetryAfterSeconds: options.storeRetryAfterSeconds ?? 5,
  };

  const app = new Hono<AppEnv>();
  app.use(requestContext(logger));
  app.use(
    cors({
      origin: corsOrigin(options.siteOrigins ?? ['*']),
      allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'X-Request-Id'],
      exposeHeaders: ['Retry-After', 'X-Request-Id'],
      maxAge: 600,
    }),
  );
  app.use(async (c, next) => {
    await next();
    // Answers are per request and may hold fresh validation state: never cache them on the way.
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problem(
          c,
          405,
          {
            field: null,
            code: 'method-not-allowed',
            error: `${c.req.method} is not allowed on ${c.req.path}; use ${methods.join(', ')}`,
          },
          { Allow: methods.join(', ') },
        ),
    }),
  );

  registerAttest(app, deps);
  registerWithdraw(app, deps);
  registerGroups(app, deps);
  registerMeta(app);

  app.notFound((c) =>
    problem(c, 404, {
      field: null,
      code: 'not-found',
      error: `nothing at ${c.req.path}; the API lives under /api/v1 (see /api/v1/openapi.json)`,
    }),
  );
  app.onError((error, c) => {
    const log = c.var.log ?? logger;
    if (error instanceof HttpApiError && error.code === 'store.unavailable') {
      return storeUnavailable(c, deps, error);
    }
    log.error('unhandled error', {
      error:
        error instanceof Error
          ? { name: error.name, message: error.message, stack: error.stack }
          : String(error),
    });
    return problem(c, 500, {
      field: null,
      code: 'internal',
      error: `internal error; quote request id ${c.var.requestId ?? 'unknown'} when reporting it`,
    });
  });
  return app;
}
