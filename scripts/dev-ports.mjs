// The loopback ports `pnpm dev` takes by default (apps/local: the API on 8787, then the
// site, DynamoDB Local, the Lambda Invoke endpoint and s3rver). The root test run holds them
// so that a test that talks to one of them, instead of the server it started, fails.
// apps/local's tests check this list against the stack's own defaults.
export const DEV_DEFAULT_PORTS = [8787, 8788, 8789, 8790, 8791];
