// The client side of POST /api/v1/attest. Every field of the answer is untrusted: each is
// checked for type and size before the page shows it.
import {
  type ApiReason,
  asObject,
  isIndeterminate,
  parseReasons,
  parseRetryAfter,
  postJson,
  type RequestOutcome,
  requestOutcome,
  str,
} from './http.js';

/** One reason the API gives for its verdict. */
export type AttestReason = ApiReason;

/** What came of a submission, in the shapes the page renders. */
export type AttestOutcome =
  | {
      kind: 'answer';
      status: 'valid' | 'invalid' | 'indeterminate';
      isValid: boolean;
      message: string;
      expectedId: string | null;
      groupIdCount: number | null;
      errorMessage: string | null;
      reasons: AttestReason[];
      /** When to ask again, for an undecided answer that says (`Retry-After`). */
      retryAfterSeconds: number | null;
    }
  | RequestOutcome;

/** The request body. */
export interface AttestRequest {
  owner: string;
  type: string;
  domains: string[];
}

export { parseRetryAfter };

/**
 * Turns an HTTP status, its `Retry-After` header and its parsed JSON body into an outcome.
 * A 200 without `status` (an older API) is read from `isValid`. An undecided verdict is read
 * from the body: the API answers it with a 503 (`code` and `status` `indeterminate`, as withdraw
 * does), older APIs with a 200 and `status: 'indeterminate'`; either is the verdict, not a busy
 * API.
 *
 * @example
 * parseAttestResponse(400, null, { error: 'owner is required', field: 'owner' });
 * // { kind: 'rejected', httpStatus: 400, error: 'owner is required', field: 'owner' }
 */
export function parseAttestResponse(
  httpStatus: number,
  retryAfter: string | null,
  body: unknown,
): AttestOutcome {
  const common = requestOutcome(httpStatus, retryAfter, body);
  if (common) return common;
  const json = asObject(body);
  const undecided = isIndeterminate(json);
  if (!json || (typeof json.isValid !== 'boolean' && !undecided)) {
    return {
      kind: 'failed',
      message: 'the API answered with something that is not an attestation result',
    };
  }
  const declared = json.status;
  const status = undecided
    ? 'indeterminate'
    : declared === 'valid' || declared === 'invalid'
      ? declared
      : json.isValid
        ? 'valid'
        : 'invalid';
  const count = json.groupIdCount;
  return {
    kind: 'answer',
    status,
    isValid: status === 'valid',
    message: str(json.message) ?? '',
    expectedId: str(json.expectedId, 512),
    groupIdCount: typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : null,
    errorMessage: str(json.errorMessage) ?? (undecided ? str(json.error) : null),
    reasons: parseReasons(json.reasons),
    retryAfterSeconds: undecided ? parseRetryAfter(retryAfter) : null,
  };
}

/** The attest endpoint under an API base that ends in `/`. */
export function attestUrl(apiBase: string): string {
  return new URL('api/v1/attest', apiBase).href;
}

/**
 * Posts a request to the API and reads its answer. Network failures and unreadable bodies
 * become `{ kind: 'failed' }` rather than exceptions.
 */
export async function submitAttestation(
  apiBase: string,
  request: AttestRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<AttestOutcome> {
  const answer = await postJson(attestUrl(apiBase), request, fetchImpl);
  if ('kind' in answer) return answer;
  return parseAttestResponse(answer.status, answer.retryAfter, answer.body);
}
