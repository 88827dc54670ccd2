import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientContext } from 'aws-lambda';
import { createLambdaContext, localFunctionArn } from '../lambda/context.js';
import type { LocalFunction } from '../lambda/functions.js';
import { createLogger, type LocalLogger } from '../log/logger.js';
import { parseFunctionName } from './function-name.js';
import { BodyTooLargeError, readBody, sendJson } from './http-io.js';

/** A route of the invoke server besides the Invoke API (e.g. `POST /local/reattest`). */
export type ControlRoute = () => Promise<{ status: number; body: unknown }>;

/** Options of {@link startInvokeServer}. */
export interface InvokeServerOptions {
  /** The functions by name (`httpapi`, `streamer`, `reattestbatch` in `pnpm dev`). */
  functions: Readonly<Record<string, LocalFunction>>;
  /** Extra routes keyed `'METHOD /path'`. */
  routes?: Readonly<Record<string, ControlRoute>>;
  /** Default 8790; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  hostname?: string;
  logger?: LocalLogger;
}

/** A running invoke server. */
export interface InvokeServer {
  /** `http://127.0.0.1:<port>`: the endpoint for `@aws-sdk/client-lambda`. */
  url: string;
  port: number;
  /** Stops accepting requests, waits for invocations in flight (Event ones too), then closes. */
  close(): Promise<void>;
}

// Lambda's limits: 6 MB for synchronous payloads, 1 MB for asynchronous ones.
const SYNC_LIMIT = 6 * 1024 * 1024;
const ASYNC_LIMIT = 1024 * 1024;
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const INVOCATION_TYPES = new Set(['RequestResponse', 'Event', 'DryRun']);

function awsError(
  response: ServerResponse,
  status: number,
  type: string,
  message: string,
  requestId: string,
): void {
  // The SDK reads the error's name from this header (restJson1), the text from `message`.
  sendJson(
    response,
    status,
    { Type: 'User', message },
    { 'x-amzn-ErrorType': type, 'x-amzn-RequestId': requestId },
  );
}

/** The payload Lambda's Node runtime sends back when a handler throws. */
export function errorPayload(error: unknown): {
  errorType: string;
  errorMessage: string;
  trace: string[];
} {
  if (error instanceof Error) {
    return {
      errorType: error.name,
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n').filter((line) => line !== ''),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function readClientContext(header: string | string[] | undefined): ClientContext | undefined {
  if (typeof header !== 'string' || header === '') return undefined;
  try {
    return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as ClientContext;
  } catch {
    return undefined;
  }
}

/**
 * Serves the Lambda Invoke REST API (`POST /2015-03-31/functions/{FunctionName}/invocations`)
 * for in-process handlers, so `@aws-sdk/client-lambda` (and `symval invoke`) pointed at it
 * works locally: `RequestResponse` answers 200 with the handler's result, `Event` answers 202
 * at once and runs the handler in the background, `DryRun` answers 204. A handler that throws
 * gives 200 with `X-Amz-Function-Error: Unhandled` and `{errorType, errorMessage, trace}`; an
 * unknown function 404 `ResourceNotFoundException`. Signatures are not checked.
 *
 * @example
 * const server = await startInvokeServer({ functions: { hello: { handler: async () => 'hi', timeoutMs: 3000, memoryMB: 128 } }, port: 0 });
 * const lambda = new LambdaClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * const out = await lambda.send(new InvokeCommand({ FunctionName: 'hello' }));
 * new TextDecoder().decode(out.Payload); // '"hi"'
 */
export function startInvokeServer(options: InvokeServerOptions): Promise<InvokeServer> {
  const log = options.logger ?? createLogger('invoke');
  const inFlight = new Set<Promise<unknown>>();
  let requestCount = 0;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.then(
      () => inFlight.delete(work),
      () => inFlight.delete(work),
    );
    return work;
  };

  async function invoke(request: IncomingMessage, response: ServerResponse, rawName: string) {
    const requestId = `local-${(++requestCount).toString().padStart(6, '0')}`;
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawName);
    } catch {
      decoded = rawName;
    }
    const url = new URL(request.url ?? '/', 'http://local');
    const reference = parseFunctionName(decoded);
    const qualifier = url.searchParams.get('Qualifier') ?? reference?.qualifier;
    const fn = reference ? options.functions[reference.name] : undefined;
    if (!reference || !fn || (qualifier !== undefined && qualifier !== '$LATEST')) {
      request.resume();
      const arn = localFunctionArn(reference?.name ?? decoded);
      awsError(
        response,
        404,
        'ResourceNotFoundException',
        `Function not found: ${qualifier ? `${arn}:${qualifier}` : arn} (the local stack has ${Object.keys(options.functions).join(', ')})`,
        requestId,
      );
      return;
    }
    const name = reference.name;
    const typeHeader = request.headers['x-amz-invocation-type'];
    const invocationType = typeof typeHeader === 'string' ? typeHeader : 'RequestResponse';
    if (!INVOCATION_TYPES.has(invocationType)) {
      request.resume();
      awsError(
        response,
        400,
        'InvalidParameterValueException',
        `X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, received ${JSON.stringify(invocationType)}`,
        requestId,
      );
      return;
    }
    const limit = invocationType === 'Event' ? ASYNC_LIMIT : SYNC_LIMIT;
    let body: Buffer;
    try {
      body = await readBody(request, limit);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      awsError(
        response,
        413,
        'RequestTooLargeException',
        `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
        requestId,
      );
      return;
    }
    let event: unknown = {};
    if (body.length > 0) {
      try {
        event = JSON.parse(body.toString('utf8'));
      } catch (error) {
        awsError(
          response,
          400,
          'InvalidRequestContentException',
          `Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`,
          requestId,
        );
        return;
      }
    }
    const headers = { 'x-amzn-RequestId': requestId, 'X-Amz-Executed-Version': '$LATEST' };
    if (invocationType === 'DryRun') {
      response.writeHead(204, headers).end();
      return;
    }
    const clientContext = readClientContext(request.headers['x-amz-client-context']);
    const context = createLambdaContext({
      functionName: name,
      timeoutMs: fn.timeoutMs,
      memoryMB: fn.memoryMB,
      ...(clientContext ? { clientContext } : {}),
    });
    const started = Date.now();
    const run = track(
      (async () => fn.handler(event, context))().then(
        (result) => ({ ok: true as const, result }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    );
    if (invocationType === 'Event') {
      response.writeHead(202, { 'x-amzn-RequestId': requestId, 'Content-Length': '0' }).end();
      const outcome = await run;
      if (outcome.ok) log.info(`${name} (Event) done in ${Date.now() - started} ms`);
      else log.error(`${name} (Event) failed after ${Date.now() - started} ms`, outcome.error);
      return;
    }
    const outcome = await run;
    if (outcome.ok) {
      log.info(`${name} answered in ${Date.now() - started} ms`);
      const text = JSON.stringify(outcome.result) ?? 'null';
      response.writeHead(200, {
        ...headers,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(text)),
      });
      response.end(text);
    } else {
      log.error(`${name} failed after ${Date.now() - started} ms`, outcome.error);
      sendJson(response, 200, errorPayload(outcome.error), {
        ...headers,
        'X-Amz-Function-Error': 'Unhandled',
      });
    }
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://local');
    const match = INVOKE_PATH.exec(url.pathname);
    if (match?.[1]) {
      if (request.method !== 'POST') {
        request.resume();
        response.writeHead(405, { Allow: 'POST', 'Content-Length': '0' }).end();
        return;
      }
      await invoke(request, response, match[1]);
      return;
    }
    if (request.method === 'GET' && url.pathname === '/local/health') {
      request.resume();
      sendJson(response, 200, { status: 'ok', functions: Object.keys(options.functions) });
      return;
    }
    const control = options.routes?.[`${request.method} ${url.pathname}`];
    if (control) {
      request.resume();
      const answer = await track(control());
      sendJson(response, answer.status, answer.body);
      return;
    }
    request.resume();
    awsError(
      response,
      404,
      'UnknownOperationException',
      `no local operation at ${request.method} ${url.pathname}; invoke with POST /2015-03-31/functions/{FunctionName}/invocations`,
      'local-unknown',
    );
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      log.error(`${request.method} ${request.url} failed`, error);
      if (!response.headersSent) {
        sendJson(response, 500, { Type: 'Service', message: 'the local invoke server failed' });
      } else response.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8790, options.hostname ?? '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://${address.address}:${address.port}`,
        port: address.port,
        close: async () => {
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeIdleConnections();
          await Promise.allSettled([...inFlight]);
          server.closeAllConnections();
          await closed;
        },
      });
    });
  });
}
