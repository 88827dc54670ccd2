import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppLogger, LogAttributes } from '../observability/logger.js';
import type { AppEnv } from './env.js';

// A client's X-Request-Id is kept when it is short and plain, so callers can follow their own id.
const CLIENT_REQUEST_ID = /^[\w-]{8,128}$/;

function requestIdOf(c: Context<AppEnv>): string {
  const context = c.env?.event?.requestContext as { requestId?: unknown } | undefined;
  if (typeof context?.requestId === 'string' && context.requestId !== '') return context.requestId;
  const sent = c.req.header('x-request-id');
  if (sent && CLIENT_REQUEST_ID.test(sent)) return sent;
  return randomUUID();
}

function withRequestId(logger: AppLogger, requestId: string): AppLogger {
  const add = (attributes?: LogAttributes): LogAttributes => ({ ...attributes, requestId });
  return {
    debug: (message, attributes) => logger.debug(message, add(attributes)),
    info: (message, attributes) => logger.info(message, add(attributes)),
    warn: (message, attributes) => logger.warn(message, add(attributes)),
    error: (message, attributes) => logger.error(message, add(attributes)),
  };
}

/**
 * Gives every request an id (API Gateway's on Lambda, else a plain client X-Request-Id, else a
 * UUID), puts it on the response as `X-Request-Id` and on every log line, and logs one line
 * per request when it ends.
 */
export function requestContext(logger: AppLogger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = requestIdOf(c);
    const log = withRequestId(logger, requestId);
    c.set('requestId', requestId);
    c.set('log', log);
    await next();
    // Set last: a response made anywhere (CORS preflight, 405, errors) still carries it.
    c.res.headers.set('X-Request-Id', requestId);
    const status = c.res.status;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    // A 503 is an answer the API gives on purpose (DNS undecided, the store throttled: retry
    // later), a warning; any other 5xx is a fault of ours.
    if (status === 503) log.warn('request', line);
    else if (status >= 500) log.error('request', line);
    else log.info('request', line);
  };
}
