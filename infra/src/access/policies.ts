import { RECORDS_PREFIX, STATE_PREFIX } from '../functions/keys.js';

type Permission = sst.aws.FunctionPermissionArgs;
type Arn = $util.Output<string>;

// What each function sends to the DomainRecord table, read from the code (apps/*/src and
// packages/records/src/operations/record-operations.ts, which calls dynamite-orm's client),
// and checked against DynamoDB Local by test/table-access.int.test.ts:
//
// - `upsertAttested` is one TransactWriteItems of Update elements. A transaction is authorised
//   per element by the action of the element (UpdateItem here); there is no IAM action for the
//   transaction itself ("Using IAM with DynamoDB transactions", DynamoDB developer guide).
// - `listGroup` is a Query on the table (ConsistentRead), never on an index.
// - `setValidationIfUnchanged` / `deleteIfUnchanged` are one UpdateItem / DeleteItem each, the
//   Rev condition and ReturnValuesOnConditionCheckFailure in the same request.
// - `listAll` (the streamer's rebuild) is a parallel Scan of the table.
// - The table's write rules (records `recordsPolicies`) never call `current()`, so dynamite
//   makes no consistent GetItem before a write. A rule that starts to would need GetItem,
//   and the integration test would say so.
// - No function queries the `byOwner` index: `listByOwner` and owner erasure are the CLI's,
//   run with an operator's credentials. So no function is granted `<table>/index/*`.

/**
 * httpapi (apps/httpapi/src/store/records-store.ts): `upsertAttested` (UpdateItem, inside a
 * transaction) after a valid attestation; `listGroup` (Query) to read the group back, for
 * `GET /api/v1/groups/{id}` and before a withdrawal; `deleteIfUnchanged` (DeleteItem) for
 * `POST /api/v1/withdraw`. No GetItem, PutItem, batch or ConditionCheckItem: none is sent.
 */
export const HTTPAPI_TABLE_ACTIONS = [
  'dynamodb:Query',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];

/**
 * reattestbatch (apps/reattestbatch/src/run/run-batch.ts): reads its records from S3 (snapshot
 * and builder state), never from the table, then per record `setValidationIfUnchanged`
 * (UpdateItem) or `deleteIfUnchanged` (DeleteItem), each conditional on `Rev` (the condition
 * is part of the request; IAM cannot require it). No ConditionCheckItem: it sends no
 * transaction.
 */
export const REATTEST_TABLE_ACTIONS = ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/**
 * streamer (apps/streamer/src/stream-handler.ts): when the builder state is missing it rebuilds
 * it from a full parallel Scan of the table (`listAll`). Scan only, least privilege: the
 * streamer never writes the table, never reads single items and never queries an index, so a
 * bug in it cannot change a record.
 */
export const STREAMER_TABLE_ACTIONS = ['dynamodb:Scan'];

/** Reading the table's stream, as Lambda's event source mapping does with the function's role. */
export const STREAM_READ_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];

// Without s3:ListBucket, S3 answers 403 instead of 404 for a missing key, and the snapshot
// builder could not tell "no state yet" (first run) from a permission problem.
const LIST_BUCKET = 's3:ListBucket';

const under = (arn: Arn, prefix: string): Arn => arn.apply((value) => `${value}/${prefix}*`);

/**
 * httpapi's shared rate limit (apps/httpapi/src/rate-limit/dynamodb.ts): one conditional
 * UpdateItem to count a request in a live window, one conditional PutItem to start the next
 * (both with ReturnValuesOnConditionCheckFailure, which needs no action of its own). No
 * GetItem: the counter is never read apart from a write.
 */
export const RATE_LIMIT_TABLE_ACTIONS = ['dynamodb:UpdateItem', 'dynamodb:PutItem'];

/**
 * httpapi: query, update and delete in the DomainRecord table (not its indexes); update and
 * put in the rate-limit table; nothing in S3.
 */
export function httpApiPermissions(resources: {
  tableArn: Arn;
  rateLimitTableArn: Arn;
}): Permission[] {
  return [
    { actions: HTTPAPI_TABLE_ACTIONS, resources: [resources.tableArn] },
    { actions: RATE_LIMIT_TABLE_ACTIONS, resources: [resources.rateLimitTableArn] },
  ];
}

/**
 * streamer: read the table's stream, scan the table (to rebuild a missing state), read and
 * write `records/` and `state/` (the builder reads its state back, and may publish through a
 * temporary key it deletes), list the bucket, and send failed batches to its failure queue.
 */
export function streamerPermissions(resources: {
  tableArn: Arn;
  streamArn: Arn;
  bucketArn: Arn;
  failureQueueArn: Arn;
}): Permission[] {
  return [
    { actions: STREAM_READ_ACTIONS, resources: [resources.streamArn] },
    { actions: STREAMER_TABLE_ACTIONS, resources: [resources.tableArn] },
    {
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [
        under(resources.bucketArn, RECORDS_PREFIX),
        under(resources.bucketArn, STATE_PREFIX),
      ],
    },
    { actions: [LIST_BUCKET], resources: [resources.bucketArn] },
    { actions: ['sqs:SendMessage'], resources: [resources.failureQueueArn] },
  ];
}

/** reattestbatch: conditional updates and deletes in the table; read the snapshot and state. */
export function reattestPermissions(resources: { tableArn: Arn; bucketArn: Arn }): Permission[] {
  return [
    { actions: REATTEST_TABLE_ACTIONS, resources: [resources.tableArn] },
    {
      actions: ['s3:GetObject'],
      resources: [
        under(resources.bucketArn, RECORDS_PREFIX),
        under(resources.bucketArn, STATE_PREFIX),
      ],
    },
    { actions: [LIST_BUCKET], resources: [resources.bucketArn] },
  ];
}
