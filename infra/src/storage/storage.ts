import type { StageSettings } from '../stage/settings.js';
import { SITE_BUCKET_CORS, siteBucketPolicy } from './bucket-policy.js';
import { erasureCheckpointTableDefinition } from './checkpoint-table.js';
import { domainTableDefinition, toSstDynamoArgs } from './table-definition.js';

/** The tables, the site bucket, and the two names functions link to. */
export interface Storage {
  table: sst.aws.Dynamo;
  /**
   * The erasure checkpoint table of `symval erase-owner`. No function links to it or is
   * granted anything on it: erasure runs from the CLI with an operator's credentials.
   */
  checkpointTable: sst.aws.Dynamo;
  bucket: sst.aws.Bucket;
  /**
   * `Resource.DomainTable.name` and `Resource.SiteBucket.name` at run time. These links
   * carry names only: SST's own links to a Dynamo or Bucket component grant `dynamodb:*` or
   * `s3:*`, so each function gets exactly the actions it uses in its `permissions` instead.
   */
  links: {
    domainTable: sst.Linkable<{ name: $util.Output<string> }>;
    siteBucket: sst.Linkable<{ name: $util.Output<string> }>;
  };
}

/**
 * Creates the DomainRecord table, the erasure checkpoint table and the site bucket
 * (`records/` public, `state/` private).
 */
export function createStorage(settings: StageSettings): Storage {
  const { deletionProtection } = settings;
  const table = new sst.aws.Dynamo(
    'DomainRecords',
    toSstDynamoArgs(domainTableDefinition(), { deletionProtection }),
  );
  const checkpointTable = new sst.aws.Dynamo(
    'ErasureCheckpoints',
    toSstDynamoArgs(erasureCheckpointTableDefinition(), { deletionProtection }),
  );

  const bucket = new sst.aws.Bucket('SiteData', {
    policy: siteBucketPolicy(aws.getCallerIdentityOutput().accountId),
    cors: SITE_BUCKET_CORS,
    enforceHttps: true,
    transform: {
      // A bucket policy with a public statement needs these two off; ACLs stay blocked.
      publicAccessBlock: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
      },
    },
  });

  return {
    table,
    checkpointTable,
    bucket,
    links: {
      domainTable: new sst.Linkable('DomainTable', { properties: { name: table.name } }),
      siteBucket: new sst.Linkable('SiteBucket', { properties: { name: bucket.name } }),
    },
  };
}
