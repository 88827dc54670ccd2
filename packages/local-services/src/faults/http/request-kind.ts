import type { IncomingHttpHeaders } from 'node:http';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as dynamodbStreams from '@aws-sdk/client-dynamodb-streams';

/** A request as the HTTP fault proxy classifies it, before its body arrives. */
export interface HttpRequestInfo {
  /** The operation: `PutItem`, `GetRecords`, `PutObject`, `CopyObject`, ... */
  kind: string;
  method: string;
  /** The whole `X-Amz-Target` of a DynamoDB request (`DynamoDB_20120810.PutItem`). */
  amzTarget?: string;
  /** S3: `bucket/key`, for the log. */
  resource?: string;
  /** S3: the bucket (path-style addressing), or undefined for the service. */
  bucket?: string;
  /** S3: the object key, decoded, or undefined for bucket operations. */
  key?: string;
}

function operationsOf(module: object): string[] {
  return Object.keys(module)
    .filter((name) => name.endsWith('Command') && name !== 'Command')
    .map((name) => name.slice(0, -'Command'.length));
}

/** Every operation the DynamoDB and DynamoDB Streams clients can send, from the SDK itself. */
export const DYNAMODB_OPERATIONS: readonly string[] = [
  ...new Set([...operationsOf(dynamodb), ...operationsOf(dynamodbStreams)]),
].sort();

/** DynamoDB speaks JSON RPC: the operation is the part of `X-Amz-Target` after the dot. */
export function classifyDynamoDbRequest(
  method: string,
  headers: IncomingHttpHeaders,
): HttpRequestInfo {
  const header = headers['x-amz-target'];
  const target = Array.isArray(header) ? header[0] : header;
  if (!target) return { kind: 'unknown', method };
  return { kind: target.slice(target.lastIndexOf('.') + 1), method, amzTarget: target };
}

// Bucket and object subresources, as query keys, and the words they add to an operation name.
const BUCKET_SUBRESOURCES: Record<string, string> = {
  acl: 'Acl',
  cors: 'Cors',
  encryption: 'Encryption',
  lifecycle: 'LifecycleConfiguration',
  location: 'Location',
  logging: 'Logging',
  notification: 'NotificationConfiguration',
  ownershipControls: 'OwnershipControls',
  policy: 'Policy',
  publicAccessBlock: 'PublicAccessBlock',
  tagging: 'Tagging',
  versioning: 'Versioning',
  website: 'Website',
};
const OBJECT_SUBRESOURCES: Record<string, string> = {
  acl: 'Acl',
  attributes: 'Attributes',
  legalHold: 'LegalHold',
  retention: 'Retention',
  tagging: 'Tagging',
};

/** Every operation `classifyS3Request` can name. */
export const S3_OPERATIONS: readonly string[] = [
  'ListBuckets',
  'CreateBucket',
  'DeleteBucket',
  'HeadBucket',
  'ListObjects',
  'ListObjectsV2',
  'ListObjectVersions',
  'ListMultipartUploads',
  'DeleteObjects',
  ...Object.values(BUCKET_SUBRESOURCES).flatMap((sub) =>
    sub === 'Location'
      ? ['GetBucketLocation']
      : [`GetBucket${sub}`, `PutBucket${sub}`, `DeleteBucket${sub}`],
  ),
  'GetObject',
  'HeadObject',
  'PutObject',
  'CopyObject',
  'DeleteObject',
  'CreateMultipartUpload',
  'UploadPart',
  'UploadPartCopy',
  'CompleteMultipartUpload',
  'AbortMultipartUpload',
  'ListParts',
  'RestoreObject',
  ...Object.values(OBJECT_SUBRESOURCES).flatMap((sub) =>
    sub === 'Attributes'
      ? ['GetObjectAttributes']
      : [`GetObject${sub}`, `PutObject${sub}`, `DeleteObject${sub}`],
  ),
].sort();

function subresource(query: URLSearchParams, table: Record<string, string>): string | undefined {
  for (const key of query.keys()) if (table[key]) return table[key];
  return undefined;
}

function bucketOperation(method: string, query: URLSearchParams): string {
  const sub = subresource(query, BUCKET_SUBRESOURCES);
  if (method === 'GET') {
    if (sub === 'Location') return 'GetBucketLocation';
    if (sub) return `GetBucket${sub}`;
    if (query.get('list-type') === '2') return 'ListObjectsV2';
    if (query.has('versions')) return 'ListObjectVersions';
    if (query.has('uploads')) return 'ListMultipartUploads';
    return 'ListObjects';
  }
  if (method === 'PUT') return sub ? `PutBucket${sub}` : 'CreateBucket';
  if (method === 'DELETE') return sub ? `DeleteBucket${sub}` : 'DeleteBucket';
  if (method === 'HEAD') return 'HeadBucket';
  if (method === 'POST' && query.has('delete')) return 'DeleteObjects';
  return `${method} bucket`;
}

function objectOperation(
  method: string,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
): string {
  const sub = subresource(query, OBJECT_SUBRESOURCES);
  const copy = headers['x-amz-copy-source'] !== undefined;
  const upload = query.has('uploadId');
  switch (method) {
    case 'GET':
      if (sub === 'Attributes') return 'GetObjectAttributes';
      if (sub) return `GetObject${sub}`;
      return upload ? 'ListParts' : 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'PUT':
      if (upload && query.has('partNumber')) return copy ? 'UploadPartCopy' : 'UploadPart';
      if (sub) return `PutObject${sub}`;
      return copy ? 'CopyObject' : 'PutObject';
    case 'DELETE':
      if (sub) return `DeleteObject${sub}`;
      return upload ? 'AbortMultipartUpload' : 'DeleteObject';
    case 'POST':
      if (query.has('uploads')) return 'CreateMultipartUpload';
      if (upload) return 'CompleteMultipartUpload';
      if (query.has('restore')) return 'RestoreObject';
      return 'POST object';
    default:
      return `${method} object`;
  }
}

/**
 * S3 speaks REST: the operation follows from the method, whether the path names a bucket or a
 * key, the subresource in the query and `x-amz-copy-source`. Path-style addressing only (what
 * `forcePathStyle: true` sends, and what s3rver on an IP address needs).
 */
export function classifyS3Request(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
): HttpRequestInfo {
  const parsed = new URL(url, 'http://proxy.invalid');
  const path = parsed.pathname.replace(/^\//, '');
  const slash = path.indexOf('/');
  const rawBucket = slash < 0 ? path : path.slice(0, slash);
  const rawKey = slash < 0 ? '' : path.slice(slash + 1);
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  if (!rawBucket) return { kind: method === 'GET' ? 'ListBuckets' : `${method} service`, method };
  const bucket = decode(rawBucket);
  if (!rawKey) {
    return { kind: bucketOperation(method, parsed.searchParams), method, bucket, resource: bucket };
  }
  const key = decode(rawKey);
  return {
    kind: objectOperation(method, parsed.searchParams, headers),
    method,
    bucket,
    key,
    resource: `${bucket}/${key}`,
  };
}
