import { RECORDS_PREFIX, STATE_PREFIX } from '../functions/keys.js';

type Permission = sst.aws.PermissionArgs;
type Arn = $util.Output<string>;

/**
 * Everything the API needs to read and write DomainRecords. Transactions
 * (`TransactWriteItems`) are authorised per item by these same actions.
 */
export const TABLE_READ_WRITE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/**
 * Re-attestation only refreshes `ValidateTime` or deletes a group, each conditional on `Rev`
 * (the condition is part of the request; IAM cannot require it). `ConditionCheckItem` lets
 * a transaction check a sibling's `Rev` without writing it.
 */
export const TABLE_CONDITIONAL_WRITE_ACTIONS = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

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

/** httpapi: read and write the table; nothing in S3. */
export function httpApiPermissions(resources: { tableArn: Arn }): Permission[] {
  return [{ actions: TABLE_READ_WRITE_ACTIONS, resources: [resources.tableArn] }];
}

/**
 * streamer: read the table's stream (not the table), read and write `records/` and
 * `state/` (the builder reads its state back, and may publish through a temporary key it
 * deletes), list the bucket, and send failed batches to its failure queue.
 */
export function streamerPermissions(resources: {
  streamArn: Arn;
  bucketArn: Arn;
  failureQueueArn: Arn;
}): Permission[] {
  return [
    { actions: STREAM_READ_ACTIONS, resources: [resources.streamArn] },
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
    { actions: TABLE_CONDITIONAL_WRITE_ACTIONS, resources: [resources.tableArn] },
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
