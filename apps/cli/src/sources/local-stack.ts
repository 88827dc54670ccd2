/**
 * Addresses of the local stack (`pnpm dev`, apps/local) with its default base port 8787: the
 * API on 8787, the site on 8788, DynamoDB Local on 8789, the Lambda Invoke API on 8790 and
 * s3rver on 8791. They must match what apps/local serves; change both together.
 */

/** The snapshot as the local site serves it (from the local bucket's `records/` prefix). */
export const LOCAL_SNAPSHOT_URL = 'http://127.0.0.1:8788/records/domains.json';

/** The local stack's Lambda Invoke API (functions `httpapi`, `streamer`, `reattestbatch`). */
export const LOCAL_LAMBDA_ENDPOINT = 'http://127.0.0.1:8790';
