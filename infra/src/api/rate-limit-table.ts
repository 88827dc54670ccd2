/**
 * The key attribute of the API's rate-limit counters (a string, `<scope>#<SHA-256 of the
 * client key>`): `RATE_LIMIT_KEY` of `@symval/httpapi/rate-limit-table`.
 */
export const RATE_LIMIT_KEY = 'pk';

/**
 * The counters' TTL attribute (epoch seconds): `RATE_LIMIT_TTL_ATTRIBUTE` of
 * `@symval/httpapi/rate-limit-table`. TTL only keeps the table small; the API recognises an
 * expired window by its start, so DynamoDB's late deletions change no decision.
 */
export const RATE_LIMIT_TTL_ATTRIBUTE = 'expiresAt';

/** The SST link the API reads the table's name from (`Resource.RateLimitTable.name`). */
export const RATE_LIMIT_LINK = 'RateLimitTable';

/** The rate-limit table and the link that carries its name. */
export interface RateLimitTable {
  table: sst.aws.Dynamo;
  link: sst.Linkable<{ name: $util.Output<string> }>;
}

/**
 * Creates the table every httpapi instance counts each client's requests in, as
 * `rateLimitTableInput` of `@symval/httpapi` describes it: one string key `pk`, on-demand
 * billing, TTL on `expiresAt`. No sort key, index, stream or point-in-time recovery: the
 * counters are worth nothing after their window, and losing them only resets the limits.
 * Only the API uses it, so it belongs to the API's deploy unit (`parent`) and ships with it.
 */
export function createRateLimitTable(options: { parent?: $util.Resource }): RateLimitTable {
  const opts = { parent: options.parent };
  const table = new sst.aws.Dynamo(
    'RateLimits',
    {
      fields: { [RATE_LIMIT_KEY]: 'string' },
      primaryIndex: { hashKey: RATE_LIMIT_KEY },
      ttl: RATE_LIMIT_TTL_ATTRIBUTE,
    },
    opts,
  );
  // A Linkable takes no resource options; it only carries the name to the function's bundle.
  const link = new sst.Linkable(RATE_LIMIT_LINK, { properties: { name: table.name } });
  return { table, link };
}
