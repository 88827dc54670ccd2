import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

let counter = 0;

/** An API Gateway HTTP API (payload 2.0) event as Lambda receives it behind `ANY /api/{proxy+}`. */
export function httpApiEvent(options: {
  method: string;
  path: string;
  body?: string;
  base64?: boolean;
  headers?: Record<string, string>;
  sourceIp?: string;
  query?: string;
}): APIGatewayProxyEventV2 {
  counter++;
  const requestId = `Hk3Yxg${String(counter).padStart(4, '0')}EEMEbw=`;
  const now = new Date('2026-11-23T10:00:00Z');
  return {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath: options.path,
    rawQueryString: options.query ?? '',
    headers: {
      accept: '*/*',
      'content-length': String(options.body ? Buffer.byteLength(options.body) : 0),
      host: 'abc123def4.execute-api.eu-west-1.amazonaws.com',
      'user-agent': 'curl/8.5.0',
      'x-amzn-trace-id': 'Root=1-6741a2b0-4c6f1e0d2a9b3c4d5e6f7081',
      'x-forwarded-for': options.sourceIp ?? '198.51.100.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...options.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123def4',
      domainName: 'abc123def4.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123def4',
      http: {
        method: options.method,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: options.sourceIp ?? '198.51.100.7',
        userAgent: 'curl/8.5.0',
      },
      requestId,
      routeKey: 'ANY /api/{proxy+}',
      stage: '$default',
      time: '23/Nov/2026:10:00:00 +0000',
      timeEpoch: now.getTime(),
    },
    pathParameters: { proxy: options.path.replace(/^\/api\//, '') },
    isBase64Encoded: options.base64 ?? false,
    ...(options.body !== undefined ? { body: options.body } : {}),
  };
}

/** A Lambda context with a deadline `remainingMs` from now. */
export function lambdaContext(functionName: string, remainingMs = 20_000): Context {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: `c6af9ac6-7b61-11e6-9a41-93e8${String(++counter).padStart(8, '0')}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/23/[$LATEST]2c8f1e0d2a9b3c4d5e6f708192a3b4c5',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
