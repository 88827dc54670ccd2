import { RECORDS_PREFIX, STATE_PREFIX } from '../functions/keys.js';

/**
 * The site bucket's policy, on top of SST's own statement that refuses plain HTTP:
 *
 * - anyone may `GetObject` under `records/` (the snapshot is public, read by browsers and
 *   other clients directly from S3 or through the Router);
 * - CloudFront may too: the Router signs its requests to the bucket (origin access
 *   control), and those come from the CloudFront service principal;
 * - nothing else is granted to anyone outside the account, and `state/` is denied
 *   explicitly to every principal of another account and to anonymous requests, so no
 *   later statement or ACL can open it by mistake.
 */
export function siteBucketPolicy(
  accountId: $util.Input<string>,
): NonNullable<sst.aws.BucketArgs['policy']> {
  return [
    { actions: ['s3:GetObject'], principals: '*', paths: [`${RECORDS_PREFIX}*`] },
    {
      actions: ['s3:GetObject'],
      principals: [{ type: 'service', identifiers: ['cloudfront.amazonaws.com'] }],
      paths: [`${RECORDS_PREFIX}*`],
    },
    {
      effect: 'deny',
      actions: ['s3:*'],
      principals: '*',
      paths: [`${STATE_PREFIX}*`],
      // StringNotEquals is true when the key is absent, which covers anonymous requests.
      conditions: [
        { test: 'StringNotEquals', variable: 'aws:PrincipalAccount', values: [accountId] },
      ],
    },
  ];
}

/**
 * CORS for the snapshot: any origin may `GET` it (the members page of a site on another
 * domain, or a third-party client). Nothing may be written from a browser.
 */
export const SITE_BUCKET_CORS = {
  allowOrigins: ['*'],
  allowMethods: ['GET', 'HEAD'],
  allowHeaders: ['*'],
  exposeHeaders: ['ETag', 'Last-Modified'],
  maxAge: '1 hour',
} satisfies NonNullable<sst.aws.BucketArgs['cors']>;
