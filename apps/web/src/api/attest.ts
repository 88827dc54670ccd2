// The client side of POST /api/v1/attest. Every field of the answer is untrusted: each is
// checked for type and size before the page shows it.

/** One reason the API gives for its verdict. */
export interface AttestReason {
  code: string;
  domain: string | null;
  message: string;
}

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
    }
  | { kind: 'rejected'; httpStatus: number; error: string; field: string | null }
  | { kind: 'busy'; httpStatus: number; retryAfterSeconds: number | null }
  | { kind: 'failed'; message: string };

/** The request body. */
export interface AttestRequest {
  owner: string;
  type: string;
  domains: string[];
}

const MAX_TEXT = 2000;
const MAX_REASONS = 50;

function str(value: unknown, max = MAX_TEXT): string | null {
  if (typeof value !== 'string') return null;
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * Reads `Retry-After`: seconds, or an HTTP date turned into seconds from `now`. `null` when
 * absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function parseReasons(value: unknown): AttestReason[] {
  if (!Array.isArray(value)) return [];
  const reasons: AttestReason[] = [];
  for (const item of value.slice(0, MAX_REASONS)) {
    const reason = asObject(item);
    const message = str(reason?.message);
    if (!reason || message === null) continue;
    reasons.push({
      code: str(reason.code, 100) ?? 'unknown',
      domain: str(reason.domain, 300),
      message,
    });
  }
  return reasons;
}

/**
 * Turns an HTTP status, its `Retry-After` header and its parsed JSON body into an outcome.
 * A 200 without `status` (an older API) is read from `isValid`.
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
  if (httpStatus === 429 || httpStatus === 503) {
    return { kind: 'busy', httpStatus, retryAfterSeconds: parseRetryAfter(retryAfter) };
  }
  const json = asObject(body);
  if (httpStatus >= 400 && httpStatus < 500) {
    return {
      kind: 'rejected',
      httpStatus,
      error: str(json?.error) ?? `the API refused the request (HTTP ${httpStatus})`,
      field: str(json?.field, 100),
    };
  }
  if (httpStatus !== 200) return { kind: 'failed', message: `the API answered HTTP ${httpStatus}` };
  if (!json || typeof json.isValid !== 'boolean') {
    return {
      kind: 'failed',
      message: 'the API answered with something that is not an attestation result',
    };
  }
  const declared = json.status;
  const status =
    declared === 'valid' || declared === 'invalid' || declared === 'indeterminate'
      ? declared
      : json.isValid
        ? 'valid'
        : 'invalid';
  const count = json.groupIdCount;
  return {
    kind: 'answer',
    status,
    isValid: json.isValid,
    message: str(json.message) ?? '',
    expectedId: str(json.expectedId, 512),
    groupIdCount: typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : null,
    errorMessage: str(json.errorMessage),
    reasons: parseReasons(json.reasons),
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
  let response: Response;
  try {
    response = await fetchImpl(attestUrl(apiBase), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
      credentials: 'omit',
    });
  } catch {
    return {
      kind: 'failed',
      message: 'the API could not be reached; check your connection and try again',
    };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return parseAttestResponse(response.status, response.headers.get('retry-after'), body);
}
