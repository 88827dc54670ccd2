import { randomUUID } from 'node:crypto';
import type { ClientContext, Context } from 'aws-lambda';

/** The account and region local ARNs are made with. */
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'us-east-1';

/** What {@link createLambdaContext} needs to know about the function. */
export interface LambdaContextOptions {
  functionName: string;
  /** Reported by `getRemainingTimeInMillis()`; not enforced. */
  timeoutMs: number;
  memoryMB?: number;
  clientContext?: ClientContext;
  now?: () => number;
}

/** The ARN Lambda would give the function in the local account. */
export function localFunctionArn(functionName: string): string {
  return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`;
}

/**
 * A Lambda `Context` for one invocation: a fresh request id, and a clock counting down from
 * the function's timeout (handlers such as reattestbatch stop starting work near the end).
 *
 * @example
 * const context = createLambdaContext({ functionName: 'reattestbatch', timeoutMs: 900_000 });
 * context.getRemainingTimeInMillis(); // ~900000
 */
export function createLambdaContext(options: LambdaContextOptions): Context {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const unsupported = () => {
    throw new Error('callback-style completion (done/fail/succeed) is not supported locally');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(options.functionName),
    memoryLimitInMB: String(options.memoryMB ?? 1024),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    ...(options.clientContext ? { clientContext: options.clientContext } : {}),
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
