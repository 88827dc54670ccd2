import type { IncomingMessage } from 'node:http';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import type { AppLogger } from '../observability/logger.js';

/** What the entry points hand to the app: the Lambda event, or Node's request. */
export interface AppBindings {
  event?: LambdaEvent;
  lambdaContext?: LambdaContext;
  incoming?: IncomingMessage;
}

/** The Hono environment of the app. */
export interface AppEnv {
  Bindings: AppBindings;
  Variables: {
    requestId: string;
    /** The app's logger with this request's id on every line. */
    log: AppLogger;
  };
}
