// `@symval/httpapi/rate-limit-table`: the shape of the shared rate-limit table, for infra and
// `pnpm dev` to create it. Types only from the SDK, so importing it loads nothing else.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The partition key (string): `<scope>#<SHA-256 of the client key>`; no raw address is stored. */
export const RATE_LIMIT_KEY = 'pk';
/** The TTL attribute (epoch seconds): DynamoDB removes a counter some time after its window ends. */
export const RATE_LIMIT_TTL_ATTRIBUTE = 'expiresAt';
/** The start of the client's current window (epoch milliseconds). */
export const RATE_LIMIT_WINDOW_ATTRIBUTE = 'windowStart';
/** Requests counted in the current window. */
export const RATE_LIMIT_USED_ATTRIBUTE = 'used';

/** Options of {@link rateLimitTableInput}. */
export interface RateLimitTableOptions {
  tableName: string;
}

/**
 * The CreateTable input of the rate-limit table: one string key, on-demand billing. Turn TTL
 * on for {@link RATE_LIMIT_TTL_ATTRIBUTE} as well (`UpdateTimeToLive`, or `ttl` on an SST
 * `Dynamo`): CreateTable cannot. TTL only keeps the table small; correctness never depends on
 * it, since an expired window is recognised by its start.
 *
 * @example
 * await client.send(new CreateTableCommand(rateLimitTableInput({ tableName: 'symval-rate-limits' })));
 * await client.send(new UpdateTimeToLiveCommand(rateLimitTimeToLiveInput({ tableName: 'symval-rate-limits' })));
 */
export function rateLimitTableInput(options: RateLimitTableOptions): CreateTableCommandInput {
  return {
    TableName: options.tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: RATE_LIMIT_KEY, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: RATE_LIMIT_KEY, KeyType: 'HASH' }],
  };
}

/** The UpdateTimeToLive input that turns TTL on for {@link RATE_LIMIT_TTL_ATTRIBUTE}. */
export function rateLimitTimeToLiveInput(options: RateLimitTableOptions): {
  TableName: string;
  TimeToLiveSpecification: { Enabled: true; AttributeName: string };
} {
  return {
    TableName: options.tableName,
    TimeToLiveSpecification: { Enabled: true, AttributeName: RATE_LIMIT_TTL_ATTRIBUTE },
  };
}
