import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunction } from '../lambda/functions.js';
import type { LocalLogger } from '../log/logger.js';
import { type InvokeServer, startInvokeServer } from './invoke-server.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

interface Call {
  event: unknown;
  context: Context;
}

const calls: Call[] = [];
let releaseSlow: () => void = () => {};
const slowFinished: string[] = [];

const functions: Record<string, LocalFunction> = {
  echo: {
    timeoutMs: 20_000,
    memoryMB: 512,
    handler: async (event, context) => {
      calls.push({ event, context });
      return { received: event, functionName: context.functionName };
    },
  },
  nothing: { timeoutMs: 1000, memoryMB: 128, handler: async () => undefined },
  broken: {
    timeoutMs: 1000,
    memoryMB: 128,
    handler: async () => {
      throw new TypeError('the table is not there');
    },
  },
  slow: {
    timeoutMs: 60_000,
    memoryMB: 128,
    handler: async (event) => {
      await new Promise<void>((resolve) => {
        releaseSlow = resolve;
      });
      slowFinished.push(JSON.stringify(event));
      return 'done';
    },
  },
};

const lines: string[] = [];
const logger: LocalLogger = {
  info: (message) => lines.push(`info ${message}`),
  warn: (message) => lines.push(`warn ${message}`),
  error: (message) => lines.push(`error ${message}`),
};

let server: InvokeServer;
let lambda: LambdaClient;

beforeAll(async () => {
  server = await startInvokeServer({
    functions,
    port: 0,
    logger,
    routes: { 'POST /local/reattest': async () => ({ status: 200, body: { groups: 3 } }) },
  });
  lambda = new LambdaClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  lambda.destroy();
  await server.close();
});

describe('the invoke server, through @aws-sdk/client-lambda', () => {
  it('runs a RequestResponse invocation and answers the handler result as the payload', async () => {
    const out = await lambda.send(
      new InvokeCommand({
        FunctionName: 'echo',
        Payload: encoder.encode(JSON.stringify({ hello: 'world' })),
      }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(JSON.parse(decoder.decode(out.Payload))).toEqual({
      received: { hello: 'world' },
      functionName: 'echo',
    });
  });

  it('gives the handler a Lambda context with its ARN, memory and a countdown from its timeout', async () => {
    calls.length = 0;
    await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: encoder.encode('{}') }));
    const context = calls[0]?.context;
    expect(context?.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:echo');
    expect(context?.memoryLimitInMB).toBe('512');
    expect(context?.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    const remaining = context?.getRemainingTimeInMillis() ?? 0;
    expect(remaining).toBeGreaterThan(15_000);
    expect(remaining).toBeLessThanOrEqual(20_000);
  });

  it('accepts the function as a full ARN, a partial ARN or with the $LATEST qualifier', async () => {
    for (const FunctionName of [
      'arn:aws:lambda:us-east-1:000000000000:function:echo',
      '000000000000:function:echo',
      'echo:$LATEST',
    ]) {
      const out = await lambda.send(
        new InvokeCommand({ FunctionName, Payload: encoder.encode('"x"') }),
      );
      expect(JSON.parse(decoder.decode(out.Payload))).toEqual({
        received: 'x',
        functionName: 'echo',
      });
    }
  });

  it('gives an empty payload to the handler as {} and an undefined result as null', async () => {
    calls.length = 0;
    await lambda.send(new InvokeCommand({ FunctionName: 'echo' }));
    expect(calls[0]?.event).toEqual({});
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'nothing' }));
    expect(decoder.decode(out.Payload)).toBe('null');
  });

  it('reports a handler that throws as an Unhandled function error with the error payload', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'broken' }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    const payload = JSON.parse(decoder.decode(out.Payload));
    expect(payload.errorType).toBe('TypeError');
    expect(payload.errorMessage).toBe('the table is not there');
    expect(payload.trace[0]).toBe('TypeError: the table is not there');
    expect(lines.some((line) => line.startsWith('error broken failed'))).toBe(true);
  });

  it('answers an unknown function with ResourceNotFoundException naming the local functions', async () => {
    const error = await lambda
      .send(new InvokeCommand({ FunctionName: 'nope' }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    const notFound = error as ResourceNotFoundException;
    expect(notFound.$metadata.httpStatusCode).toBe(404);
    expect(notFound.message).toContain(
      'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope',
    );
    expect(notFound.message).toContain('echo, nothing, broken, slow');
  });

  it('treats a qualifier other than $LATEST as a function that does not exist', async () => {
    const error = await lambda
      .send(new InvokeCommand({ FunctionName: 'echo', Qualifier: 'prod' }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses a payload that is not JSON with InvalidRequestContentException', async () => {
    const error = await lambda
      .send(new InvokeCommand({ FunctionName: 'echo', Payload: encoder.encode('{not json') }))
      .catch((caught: unknown) => caught);
    expect((error as Error).name).toBe('InvalidRequestContentException');
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
  });

  it('refuses an Event payload over 1 MB with RequestTooLargeException', async () => {
    const big = encoder.encode(JSON.stringify('x'.repeat(1024 * 1024 + 10)));
    const error = await lambda
      .send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: big }))
      .catch((caught: unknown) => caught);
    expect((error as Error).name).toBe('RequestTooLargeException');
  });

  it('answers an Event invocation with 202 before the handler finishes, and runs it', async () => {
    slowFinished.length = 0;
    const out = await lambda.send(
      new InvokeCommand({
        FunctionName: 'slow',
        InvocationType: 'Event',
        Payload: encoder.encode('{"n":1}'),
      }),
    );
    expect(out.StatusCode).toBe(202);
    expect(slowFinished).toEqual([]);
    releaseSlow();
    await expect.poll(() => slowFinished).toEqual(['{"n":1}']);
  });

  it('answers a DryRun with 204 without running the handler', async () => {
    calls.length = 0;
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }),
    );
    expect(out.StatusCode).toBe(204);
    expect(calls).toEqual([]);
  });

  it('serves its control routes and a health check beside the Invoke API', async () => {
    const reattest = await fetch(`${server.url}/local/reattest`, { method: 'POST' });
    expect(reattest.status).toBe(200);
    expect(await reattest.json()).toEqual({ groups: 3 });
    const health = await fetch(`${server.url}/local/health`);
    expect(await health.json()).toEqual({
      status: 'ok',
      functions: ['echo', 'nothing', 'broken', 'slow'],
    });
    const unknown = await fetch(`${server.url}/elsewhere`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });
});

describe('closing the invoke server', () => {
  it('waits for an Event invocation still running before it resolves', async () => {
    const own = await startInvokeServer({ functions, port: 0, logger });
    const client = new LambdaClient({
      endpoint: own.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    slowFinished.length = 0;
    await client.send(
      new InvokeCommand({
        FunctionName: 'slow',
        InvocationType: 'Event',
        Payload: encoder.encode('2'),
      }),
    );
    client.destroy();
    let closed = false;
    const closing = own.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    releaseSlow();
    await closing;
    expect(slowFinished).toEqual(['2']);
  });
});
