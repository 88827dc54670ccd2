import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { HttpApiError } from '../errors.js';

// DynamoDB's reasons for cancelling a transaction that mean "not now" rather than "no".
const BUSY_REASONS = new Set([
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  'RequestLimitExceeded',
  'TransactionConflict',
  'InternalServerError',
]);

type Classifiable = Parameters<typeof isTransientError>[0];

function cancelledForLoad(error: unknown): boolean {
  const reasons = (error as { code?: unknown; reasons?: unknown }).reasons;
  return (
    (error as { code?: unknown }).code === 'transaction.cancelled' &&
    Array.isArray(reasons) &&
    reasons.some((reason) => BUSY_REASONS.has((reason as { code?: string }).code ?? ''))
  );
}

/**
 * Whether an error from the store means "the store cannot answer now": throttling, a 5xx, a
 * reset or refused connection, a timeout (the SDK's own classification, which its retries use,
 * so this says yes exactly where the SDK had retried and given up), or a transaction DynamoDB
 * cancelled for load. Validation errors, refused access and bugs say no: they are 500s.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  if (error instanceof HttpApiError) return error.code === 'store.unavailable';
  const sdk = error as Classifiable;
  // The SDK names a request it aborted itself (a timeout of ours) AbortError.
  if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') {
    return true;
  }
  return (
    isThrottlingError(sdk) || isTransientError(sdk) || isServerError(sdk) || cancelledForLoad(error)
  );
}

/**
 * Runs a store call and turns "cannot answer now" into `HttpApiError('store.unavailable')`,
 * which the app answers with 503 and `Retry-After`; anything else is rethrown as it is.
 */
export async function guardStore<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isStoreUnavailable(error) || error instanceof HttpApiError) throw error;
    throw new HttpApiError(
      'store.unavailable',
      `the table did not answer ${operation}: ${(error as Error).name}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
