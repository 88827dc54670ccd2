import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultError, rejectUnknownKeys } from '../errors.js';
import { randomSeed } from '../random.js';
import { type FaultLogEntry, FaultSchedule } from '../schedule.js';
import {
  DYNAMODB_ERRORS,
  dynamoDbErrorResponse,
  type ErrorResponse,
  S3_ERRORS,
  s3ErrorResponse,
} from './error-shapes.js';
import {
  classifyDynamoDbRequest,
  classifyS3Request,
  type HttpRequestInfo,
} from './request-kind.js';
import { compileHttpRules } from './rules.js';
import type {
  ErrorFault,
  FaultProxy,
  FaultProxyKind,
  FaultProxyOptions,
  HttpFault,
} from './types.js';

// Hop-by-hop headers describe one connection, not the message: a proxy must not pass them on
// (RFC 9110 7.6.1). Transfer-Encoding stays: it tells Node to frame the body as chunked again.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
]);

function endToEnd(rawHeaders: readonly string[]): string[] {
  const named = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'connection') {
      for (const token of rawHeaders[i + 1]!.split(',')) named.add(token.trim().toLowerCase());
    }
  }
  const kept: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(name) && !named.has(name)) kept.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return kept;
}

function checkOptions(options: FaultProxyOptions): {
  target: URL;
  kind: FaultProxyKind;
  seed: number;
} {
  const invalid = (message: string) => new FaultError('faults.invalid-options', message);
  if (typeof options !== 'object' || options === null)
    throw invalid('startFaultProxy: give options');
  rejectUnknownKeys(
    options,
    ['target', 'kind', 'seed', 'rules'],
    'startFaultProxy',
    'faults.invalid-options',
  );
  const raw = typeof options.target === 'string' ? options.target : options.target?.endpoint;
  let target: URL;
  try {
    target = new URL(raw ?? '');
  } catch {
    throw invalid(
      `target: '${String(raw)}' is not a URL; give e.g. 'http://127.0.0.1:8000' or { endpoint }`,
    );
  }
  if (target.protocol !== 'http:') throw invalid(`target: '${raw}' must be an http:// URL`);
  if (options.kind !== 'dynamodb' && options.kind !== 's3') {
    throw invalid(`kind: '${String(options.kind)}' is not one of dynamodb, s3`);
  }
  const seed = options.seed ?? randomSeed();
  if (!Number.isInteger(seed)) throw invalid(`seed: ${String(seed)} is not an integer`);
  return { target, kind: options.kind, seed };
}

/**
 * Starts an HTTP proxy on 127.0.0.1 between an AWS SDK client and DynamoDB Local or s3rver that
 * injects faults by rule: throttling and server errors in the service's exact wire shape,
 * connection resets, requests that are never answered, and added latency. Everything else is
 * passed through unchanged (headers in order and case, bodies streamed, keep-alive kept).
 * Decisions come from `seed`: the same seed, rules and order of requests within each kind give
 * the same faults.
 *
 * @example
 * const proxy = await startFaultProxy({
 *   target: ddb.endpoint,
 *   kind: 'dynamodb',
 *   seed: 1234,
 *   rules: [{ match: 'PutItem', nth: [1], fault: { type: 'error', code: 'ThrottlingException' } }],
 * });
 * const client = new DynamoDBClient({ ...dynamoDbClientConfig(ddb), endpoint: proxy.endpoint });
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const { target, kind, seed } = checkOptions(options);
  const schedule = new FaultSchedule<HttpRequestInfo, HttpFault>(seed);
  schedule.setRules(compileHttpRules(options.rules ?? [], kind));
  // Idle upstream sockets are dropped before the server drops them (DynamoDB Local's Jetty after
  // 30 s, s3rver after 5 s, announced in Keep-Alive, which Node honours only when the agent has a
  // timeout): reusing one the server is closing would be a reset nobody injected.
  const agent = new http.Agent({ keepAlive: true, timeout: 20_000 });
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, action: () => void): void => {
    if (ms <= 0) {
      action();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  const classify = (req: IncomingMessage): HttpRequestInfo =>
    kind === 'dynamodb'
      ? classifyDynamoDbRequest(req.method ?? 'GET', req.headers)
      : classifyS3Request(req.method ?? 'GET', req.url ?? '/', req.headers);

  /** Sends the request on, streaming its body; the caller handles the answer. */
  const open = (req: IncomingMessage, res: ServerResponse): http.ClientRequest => {
    const upstream = http.request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      // The Host header the client signed goes on as it is (s3rver checks signatures).
      headers: endToEnd(req.rawHeaders),
      setHost: false,
      agent,
    });
    req.pipe(upstream);
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.on('error', (error) => {
      if (res.destroyed) return;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const body = `fault proxy: ${target.origin} failed: ${error.message}`;
      res.writeHead(502, {
        'content-type': 'text/plain',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    });
    return upstream;
  };

  /** Sends the request on and waits for the whole answer, which the caller may drop. */
  const openAndCollect = (
    req: IncomingMessage,
    res: ServerResponse,
    done: (response: IncomingMessage, body: Buffer) => void,
  ): void => {
    open(req, res).on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(response, Buffer.concat(chunks)));
    });
  };

  const pass = (req: IncomingMessage, res: ServerResponse): void => {
    if (res.destroyed) return;
    open(req, res).on('response', (response) => {
      res.writeHead(
        response.statusCode ?? 502,
        response.statusMessage,
        endToEnd(response.rawHeaders),
      );
      response.pipe(res);
    });
  };

  const errorResponse = (
    fault: ErrorFault,
    info: HttpRequestInfo,
    entry: FaultLogEntry,
  ): ErrorResponse => {
    const shape = (kind === 'dynamodb' ? DYNAMODB_ERRORS : S3_ERRORS)[fault.code];
    const status = fault.status ?? shape!.status;
    const message =
      fault.message ??
      `${shape?.message ?? fault.code} (fault proxy, seed ${seed}, request #${entry.seq})`;
    const response =
      kind === 'dynamodb'
        ? dynamoDbErrorResponse(fault.code, status, message, shape?.namespace)
        : s3ErrorResponse(fault.code, status, message, info.method, `/${info.resource ?? ''}`);
    response.headers = { ...response.headers, ...fault.headers };
    return response;
  };

  const inject = (
    req: IncomingMessage,
    res: ServerResponse,
    info: HttpRequestInfo,
    fault: HttpFault,
    entry: FaultLogEntry,
  ): void => {
    switch (fault.type) {
      case 'latency':
        later(fault.ms, () => pass(req, res));
        return;
      case 'timeout':
        // Held open: the client's own timeout ends it, or stop() does.
        if (fault.at === 'response') openAndCollect(req, res, () => {});
        else req.resume();
        return;
      case 'reset': {
        const at = fault.at ?? 'request';
        if (at === 'request') {
          later(fault.delayMs ?? 0, () => req.socket.resetAndDestroy());
        } else if (at === 'response') {
          openAndCollect(req, res, () =>
            later(fault.delayMs ?? 0, () => req.socket.resetAndDestroy()),
          );
        } else {
          openAndCollect(req, res, (response, body) => {
            later(fault.delayMs ?? 0, () => {
              if (res.destroyed) return;
              res.writeHead(
                response.statusCode ?? 502,
                response.statusMessage,
                endToEnd(response.rawHeaders),
              );
              // The head and half the body, then the connection ends: the client sees a body
              // shorter than its Content-Length.
              res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.end());
            });
          });
        }
        return;
      }
      case 'error': {
        const send = () =>
          later(fault.delayMs ?? 0, () => {
            if (res.destroyed) return;
            const response = errorResponse(fault, info, entry);
            res.writeHead(response.status, response.headers);
            res.end(response.body);
          });
        if (fault.forward) {
          openAndCollect(req, res, send);
        } else {
          // Read the body first, as a service does, so the connection stays usable.
          req.on('end', send);
          req.resume();
        }
        return;
      }
    }
  };

  const server = http.createServer((req, res) => {
    const info = classify(req);
    const decision = schedule.decide(info);
    if (decision) inject(req, res, info, decision.fault, decision.entry);
    else pass(req, res);
  });
  // Node's default (5 s) would close idle client connections while the SDK, whose agent has no
  // timeout, may reuse them: a reset nobody asked for.
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    seed,
    setRules(rules) {
      schedule.setRules(compileHttpRules(rules, kind));
    },
    get stats() {
      return schedule.stats();
    },
    get log() {
      return schedule.log;
    },
    describe() {
      return schedule.describe();
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
