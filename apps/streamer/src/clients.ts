import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { StreamerConfig } from './config.js';

/**
 * S3 client options. With `AWS_ENDPOINT_URL_S3` (s3rver) requests use path-style addressing
 * and checksums only when required: otherwise the SDK uploads with aws-chunked framing that
 * s3rver stores verbatim.
 */
export function s3ClientOptions(config: Pick<StreamerConfig, 's3Endpoint'>): S3ClientConfig {
  if (!config.s3Endpoint) return {};
  return {
    endpoint: config.s3Endpoint,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** DynamoDB client options; the SDK itself honours `AWS_ENDPOINT_URL_DYNAMODB`. */
export function dynamoDbClientOptions(): DynamoDBClientConfig {
  return {};
}
