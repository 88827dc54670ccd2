import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import type { Env } from '../cli/io.js';

/** Settings every AWS client takes from the environment. */
interface BaseClientConfig {
  region?: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxAttempts?: number;
}

/**
 * The region, endpoint and credentials named in `env`, passed to the SDK explicitly so that a
 * command run with another environment (tests, `runCli` embedded) uses that one and not
 * `process.env`. What is absent is left to the SDK's own chain (profiles, SSO, instance roles).
 */
function baseConfig(env: Env, endpoint: string | undefined): BaseClientConfig {
  const config: BaseClientConfig = {};
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (region) config.region = region;
  if (endpoint) {
    config.endpoint = endpoint;
    // Local servers (DynamoDB Local, s3rver, the local stack) accept any region.
    config.region ??= 'us-east-1';
  }
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    config.credentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
  } else if (endpoint && isLoopback(endpoint)) {
    // Local servers ignore credentials but the SDK refuses to sign without some.
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  return config;
}

function isLoopback(endpoint: string): boolean {
  try {
    const { hostname } = new URL(endpoint);
    return hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
  } catch {
    return false;
  }
}

/** The DynamoDB endpoint: `AWS_ENDPOINT_URL_DYNAMODB`, else `AWS_ENDPOINT_URL`, else AWS. */
export function dynamoDbEndpoint(env: Env): string | undefined {
  return env.AWS_ENDPOINT_URL_DYNAMODB || env.AWS_ENDPOINT_URL || undefined;
}

/** A DynamoDB client for `env` (DynamoDB Local when `AWS_ENDPOINT_URL_DYNAMODB` is set). */
export function createDynamoDbClient(env: Env): DynamoDBClient {
  return new DynamoDBClient({ ...baseConfig(env, dynamoDbEndpoint(env)), maxAttempts: 3 });
}

/**
 * An S3 client for `env`. With `AWS_ENDPOINT_URL_S3` (s3rver, MinIO) requests use path-style
 * addressing and checksums only when required, which such servers need.
 */
export function createS3Client(env: Env): S3Client {
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  return new S3Client({
    ...baseConfig(env, endpoint),
    ...(endpoint
      ? {
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
}

/** A Lambda client for `env`, or for `endpoint` (the local stack's Invoke API) when given. */
export function createLambdaClient(env: Env, endpoint: string | undefined): LambdaClient {
  const target = endpoint || env.AWS_ENDPOINT_URL_LAMBDA || env.AWS_ENDPOINT_URL || undefined;
  // One attempt: an invocation that failed half-way must not run twice behind the user's back.
  return new LambdaClient({ ...baseConfig(env, target), maxAttempts: 1 });
}
