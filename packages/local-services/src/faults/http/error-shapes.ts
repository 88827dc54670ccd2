import { randomBytes } from 'node:crypto';

/** The error responses the proxy can send in a service's exact wire shape. */
export interface AwsErrorShape {
  status: number;
  /** The namespace DynamoDB puts before `#` in `__type` (the SDK keeps only the part after it). */
  namespace?: string;
  message: string;
}

// Status codes and `__type` namespaces as DynamoDB sends them: most errors carry the API's
// namespace; ThrottlingException comes from the service framework's availability layer.
const DYNAMODB_NAMESPACE = 'com.amazonaws.dynamodb.v20120810';

/** DynamoDB (and DynamoDB Streams) errors by code: JSON 1.0, `{"__type", "message"}`. */
export const DYNAMODB_ERRORS: Readonly<Record<string, AwsErrorShape>> = {
  ProvisionedThroughputExceededException: {
    status: 400,
    namespace: DYNAMODB_NAMESPACE,
    message: 'The level of configured provisioned throughput for the table was exceeded.',
  },
  ThrottlingException: {
    status: 400,
    namespace: 'com.amazon.coral.availability',
    message: 'Rate of requests exceeds the allowed throughput.',
  },
  RequestLimitExceeded: {
    status: 400,
    namespace: DYNAMODB_NAMESPACE,
    message: 'Throughput exceeds the current throughput limit for your account.',
  },
  LimitExceededException: {
    status: 400,
    namespace: DYNAMODB_NAMESPACE,
    message: 'Too many operations for a given subscriber.',
  },
  InternalServerError: {
    status: 500,
    namespace: DYNAMODB_NAMESPACE,
    message: 'Internal server error',
  },
};

/** S3 errors by code: REST XML, `<Error><Code>...</Code><Message>...</Message>...</Error>`. */
export const S3_ERRORS: Readonly<Record<string, AwsErrorShape>> = {
  SlowDown: { status: 503, message: 'Please reduce your request rate.' },
  InternalError: { status: 500, message: 'We encountered an internal error. Please try again.' },
  ServiceUnavailable: { status: 503, message: 'Please reduce your request rate.' },
  RequestTimeout: {
    status: 400,
    message:
      'Your socket connection to the server was not read from or written to within the timeout period.',
  },
};

/** A response ready to send. */
export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function requestId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** A DynamoDB error response as the service sends it (HTTP status, JSON 1.0 body, request ID). */
export function dynamoDbErrorResponse(
  code: string,
  status: number,
  message: string,
  namespace = DYNAMODB_NAMESPACE,
): ErrorResponse {
  const body = Buffer.from(JSON.stringify({ __type: `${namespace}#${code}`, message }));
  return {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(body.length),
      'x-amzn-requestid': requestId(),
    },
    body,
  };
}

/**
 * An S3 error response as the service sends it: an XML `Error` document with the request IDs;
 * no body for HEAD, as S3 (the SDK then names the error from the status alone).
 */
export function s3ErrorResponse(
  code: string,
  status: number,
  message: string,
  method: string,
  resource: string,
): ErrorResponse {
  const id = requestId();
  const hostId = randomBytes(32).toString('base64');
  const body =
    method === 'HEAD'
      ? Buffer.alloc(0)
      : Buffer.from(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code>` +
            `<Message>${escapeXml(message)}</Message><Resource>${escapeXml(resource)}</Resource>` +
            `<RequestId>${id}</RequestId><HostId>${hostId}</HostId></Error>`,
        );
  return {
    status,
    headers: {
      'content-type': 'application/xml',
      'content-length': String(body.length),
      'x-amz-request-id': id,
      'x-amz-id-2': hostId,
    },
    body,
  };
}
