import { describe, expect, it } from 'vitest';
import { classifyDynamoDbRequest, classifyS3Request, DYNAMODB_OPERATIONS } from './request-kind.js';

describe('classifyDynamoDbRequest', () => {
  it('names the operation from X-Amz-Target, for tables and for streams', () => {
    expect(
      classifyDynamoDbRequest('POST', { 'x-amz-target': 'DynamoDB_20120810.PutItem' }),
    ).toEqual({
      kind: 'PutItem',
      method: 'POST',
      amzTarget: 'DynamoDB_20120810.PutItem',
    });
    expect(
      classifyDynamoDbRequest('POST', { 'x-amz-target': 'DynamoDBStreams_20120810.GetRecords' })
        .kind,
    ).toBe('GetRecords');
    expect(classifyDynamoDbRequest('GET', {}).kind).toBe('unknown');
  });

  it('knows the operations of both SDK clients', () => {
    for (const name of [
      'PutItem',
      'TransactWriteItems',
      'Query',
      'GetRecords',
      'GetShardIterator',
    ]) {
      expect(DYNAMODB_OPERATIONS).toContain(name);
    }
  });
});

describe('classifyS3Request', () => {
  const kind = (method: string, url: string, headers = {}) =>
    classifyS3Request(method, url, headers).kind;

  it('names object operations from the method, the query and the copy header', () => {
    expect(kind('PUT', '/site/records/domains.json')).toBe('PutObject');
    expect(kind('PUT', '/site/records/domains.json', { 'x-amz-copy-source': '/site/tmp/x' })).toBe(
      'CopyObject',
    );
    expect(kind('GET', '/site/records/domains.json')).toBe('GetObject');
    expect(kind('HEAD', '/site/a')).toBe('HeadObject');
    expect(kind('DELETE', '/site/a')).toBe('DeleteObject');
    expect(kind('POST', '/site/a?uploads')).toBe('CreateMultipartUpload');
    expect(kind('PUT', '/site/a?partNumber=1&uploadId=u')).toBe('UploadPart');
    expect(kind('PUT', '/site/a?partNumber=1&uploadId=u', { 'x-amz-copy-source': 'b/c' })).toBe(
      'UploadPartCopy',
    );
    expect(kind('POST', '/site/a?uploadId=u')).toBe('CompleteMultipartUpload');
    expect(kind('DELETE', '/site/a?uploadId=u')).toBe('AbortMultipartUpload');
    expect(kind('GET', '/site/a?tagging')).toBe('GetObjectTagging');
  });

  it('names bucket and service operations', () => {
    expect(kind('GET', '/')).toBe('ListBuckets');
    expect(kind('PUT', '/site')).toBe('CreateBucket');
    expect(kind('HEAD', '/site')).toBe('HeadBucket');
    expect(kind('GET', '/site?list-type=2&prefix=records%2F')).toBe('ListObjectsV2');
    expect(kind('GET', '/site')).toBe('ListObjects');
    expect(kind('POST', '/site?delete')).toBe('DeleteObjects');
    expect(kind('GET', '/site?location')).toBe('GetBucketLocation');
    expect(kind('PUT', '/site?versioning')).toBe('PutBucketVersioning');
  });

  it('decodes the bucket and key, keeping the slashes of the key', () => {
    expect(classifyS3Request('PUT', '/site/records/a%20b%2Bc.json?x-id=PutObject', {})).toEqual({
      kind: 'PutObject',
      method: 'PUT',
      bucket: 'site',
      key: 'records/a b+c.json',
      resource: 'site/records/a b+c.json',
    });
  });
});
