import {
  AWS_ENDPOINT_URL_DYNAMODB,
  AWS_ENDPOINT_URL_S3,
  DOMAIN_TABLE_NAME,
  RATE_LIMIT_TABLE_NAME,
  SNAPSHOT_BUCKET,
  SNAPSHOT_KEY as SNAPSHOT_KEY_SETTING,
  SNAPSHOT_STATE_KEY as SNAPSHOT_STATE_KEY_SETTING,
} from '@symval/settings';

/** The local DomainRecord table. */
export const LOCAL_TABLE = 'symval-local-domains';
/** The API's shared rate-limit counters, as on AWS (`rateLimitTableInput`). */
export const LOCAL_RATE_LIMIT_TABLE = 'symval-local-rate-limits';
/** The local bucket of the snapshot and the builder state. */
export const LOCAL_BUCKET = 'symval-local';
/** The public snapshot (the declared default); under `records/`, the prefix the site serves. */
export const SNAPSHOT_KEY = SNAPSHOT_KEY_SETTING.default;
/** The builder's private state (the declared default); never served. */
export const SNAPSHOT_STATE_KEY = SNAPSHOT_STATE_KEY_SETTING.default;

/** Where the stores of the stack answer. */
export interface StoreEndpoints {
  dynamodb: string;
  s3: string;
}

/**
 * The environment the three handlers read (`@symval/settings`), pointed at the local
 * stores. The credentials are s3rver's (it checks the access key); DynamoDB Local runs with
 * `-sharedDb`, so it takes any. Session tokens and profiles of the caller's shell are dropped
 * so nothing reaches AWS.
 */
export function handlerEnvironment(
  base: Readonly<Record<string, string | undefined>>,
  endpoints: StoreEndpoints,
): Record<string, string | undefined> {
  return {
    ...base,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_ENDPOINT_URL: undefined,
    [AWS_ENDPOINT_URL_DYNAMODB.name]: endpoints.dynamodb,
    [AWS_ENDPOINT_URL_S3.name]: endpoints.s3,
    [DOMAIN_TABLE_NAME.name]: LOCAL_TABLE,
    [RATE_LIMIT_TABLE_NAME.name]: LOCAL_RATE_LIMIT_TABLE,
    [SNAPSHOT_BUCKET.name]: LOCAL_BUCKET,
    [SNAPSHOT_KEY_SETTING.name]: SNAPSHOT_KEY,
    [SNAPSHOT_STATE_KEY_SETTING.name]: SNAPSHOT_STATE_KEY,
    // The SDK's notice that Node 20 support ends in 2027 says nothing about this stack.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED:
      base.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? 'true',
  };
}

/** Replaces `process.env` entries with `env` (an `undefined` value deletes the variable). */
export function applyEnvironment(env: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
