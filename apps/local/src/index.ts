export { formatDuration, parseDuration } from './args/duration.js';
export type { DevOptions, ParseDevArgsContext } from './args/parse-args.js';
export {
  DEFAULT_BASE_PORT,
  DEFAULT_REATTEST_INTERVAL_MS,
  helpText,
  parseDevArgs,
} from './args/parse-args.js';
export type { LocalErrorCode } from './errors.js';
export { LocalError } from './errors.js';
export type { FunctionReference } from './invoke/function-name.js';
export { parseFunctionName } from './invoke/function-name.js';
export type { ControlRoute, InvokeServer, InvokeServerOptions } from './invoke/invoke-server.js';
export { errorPayload, startInvokeServer } from './invoke/invoke-server.js';
export type { LambdaContextOptions } from './lambda/context.js';
export { createLambdaContext, localFunctionArn } from './lambda/context.js';
export type { FunctionName, LocalFunction, LocalHandler } from './lambda/functions.js';
export { FUNCTION_FILES, loadFunctions } from './lambda/functions.js';
export type { LineSink, LocalLogger } from './log/logger.js';
export { createLogger } from './log/logger.js';
export type { ReattestScheduler, ReattestSchedulerOptions } from './reattest/scheduler.js';
export { createReattestScheduler } from './reattest/scheduler.js';
export type { SiteRuntimeConfig, SiteServer, SiteServerOptions } from './site/site-server.js';
export { startSiteServer } from './site/site-server.js';
export { LOCAL_BUCKET, LOCAL_TABLE } from './stack/environment.js';
export type { LocalStack, LocalStackOptions } from './stack/start-stack.js';
export { startLocalStack } from './stack/start-stack.js';
