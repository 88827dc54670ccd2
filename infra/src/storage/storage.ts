import type { AdoptedResources } from '../stage/deploy-env.js';
import type { StageSettings } from '../stage/settings.js';
import { adopting } from './adopt.js';
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

/** The DomainRecord table's arguments, adopting the existing table when `adopt.table` names one. */
function domainTableArgs(settings: StageSettings, adopt: AdoptedResources): sst.aws.DynamoArgs {
  const args = toSstDynamoArgs(domainTableDefinition(), settings);
  if (!adopt.table) return args;
  const base = args.transform?.table as Partial<aws.dynamodb.TableArgs>;
  return { ...args, transform: { table: adopting(adopt.table, 'name', base) } };
}

/**
 * Creates the DomainRecord table, the erasure checkpoint table and the site bucket
 * (`records/` public, `state/` private), under `parent` (the deploy unit shared by every
 * app). With `adopt`, the table and the bucket are the existing ones of those names, taken
 * over by Pulumi `import` ({@link adopting}) instead of created.
 */
export function createStorage(
  settings: StageSettings,
  options: { parent?: $util.Resource; adopt?: AdoptedResources } = {},
): Storage {
  const { deletionProtection } = settings;
  const adopt = options.adopt ?? {};
  const opts = { parent: options.parent };
  const table = new sst.aws.Dynamo('DomainRecords', domainTableArgs(settings, adopt), opts);
  const checkpointTable = new sst.aws.Dynamo(
    'ErasureCheckpoints',
    toSstDynamoArgs(erasureCheckpointTableDefinition(), { deletionProtection }),
    opts,
  );

  const bucket = new sst.aws.Bucket(
    'SiteData',
    {
      policy: siteBucketPolicy(aws.getCallerIdentityOutput({}, opts).accountId),
      cors: SITE_BUCKET_CORS,
      enforceHttps: true,
      transform: {
        // An adopted bucket is never emptied by `sst remove` (SST's default forceDestroy).
        ...(adopt.bucket
          ? { bucket: adopting<aws.s3.BucketArgs>(adopt.bucket, 'bucket', { forceDestroy: false }) }
          : {}),
        // A bucket policy with a public statement needs these two off; ACLs stay blocked.
        publicAccessBlock: {
          blockPublicAcls: true,
          ignorePublicAcls: true,
          blockPublicPolicy: false,
          restrictPublicBuckets: false,
        },
      },
    },
    opts,
  );

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
