// What the attest and withdraw clients share: reading untrusted answer fields, Retry-After,
// and the outcomes that are about the request rather than the group (too many requests, a
// busy API, a refusal, no answer at all).

/** One reason the API gives for its verdict. */
export interface ApiReason {
  code: string;
  domain: string | null;
  message: string;
}

/** Outcomes any endpoint can have, whatever it does. */
export type RequestOutcome =
  /** 4xx: the request was refused (the field at fault when the API names one). */
  | { kind: 'rejected'; httpStatus: number; error: string; field: string | null }
  /** 429: this visitor sent more requests than the API takes from one client for now. */
  | { kind: 'too-many'; retryAfterSeconds: number | null }
  /** 503 for another reason than DNS: the API itself could not finish. */
  | { kind: 'busy'; httpStatus: number; error: string | null; retryAfterSeconds: number | null }
  /** No usable answer: the network failed, or the answer was not the API's. */
  | { kind: 'failed'; message: string };

const MAX_TEXT = 2000;
const MAX_REASONS = 50;

/** A string field, cut at `max` characters; `null` when it is not a string. */
export function str(value: unknown, max = MAX_TEXT): string | null {
  if (typeof value !== 'string') return null;
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** The value as a plain object, or `null`. */
export function asObject(value: unknown): Record<string, unknown> | null {
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

/** The reasons of an answer: at most 50, each with a message. */
export function parseReasons(value: unknown): ApiReason[] {
  if (!Array.isArray(value)) return [];
  const reasons: ApiReason[] = [];
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
 * Whether an answer says DNS could not decide: `code: 'indeterminate'` (the 503 of attest and
 * withdraw) or `status: 'indeterminate'` (both endpoints' 503 carry it; older APIs answered
 * attest's with a 200). The page reads the body, so a 503 that says so is not a busy API.
 */
export function isIndeterminate(body: Record<string, unknown> | null): boolean {
  return body?.status === 'indeterminate' || body?.code === 'indeterminate';
}

/**
 * The outcomes that are about the request, for a status that is one of them (429, other 4xx,
 * 503, 5xx); `null` for the statuses each endpoint reads itself. A 503 that says DNS could not
 * decide is the endpoint's own answer, not a busy API.
 */
export function requestOutcome(
  httpStatus: number,
  retryAfter: string | null,
  body: unknown,
  handled: readonly number[] = [],
): RequestOutcome | null {
  const json = asObject(body);
  if (handled.includes(httpStatus)) return null;
  if (httpStatus === 429)
    return { kind: 'too-many', retryAfterSeconds: parseRetryAfter(retryAfter) };
  if (httpStatus === 503 && !isIndeterminate(json)) {
    return {
      kind: 'busy',
      httpStatus,
      error: str(json?.error),
      retryAfterSeconds: parseRetryAfter(retryAfter),
    };
  }
  if (httpStatus >= 400 && httpStatus < 500) {
    return {
      kind: 'rejected',
      httpStatus,
      error: str(json?.error) ?? `the API refused the request (HTTP ${httpStatus})`,
      field: str(json?.field, 100),
    };
  }
  if (httpStatus !== 200 && httpStatus !== 503) {
    return { kind: 'failed', message: `the API answered HTTP ${httpStatus}` };
  }
  return null;
}

/** An answer as read off the wire: status, `Retry-After`, and the JSON body (`null` if none). */
export interface WireAnswer {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

/**
 * Posts JSON to `url` without credentials and reads the answer; a network failure is an
 * outcome (`failed`), not an exception.
 */
export async function postJson(
  url: string,
  request: unknown,
  fetchImpl: typeof fetch = fetch,
): Promise<WireAnswer | { kind: 'failed'; message: string }> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
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
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}
