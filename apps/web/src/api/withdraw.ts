// The client side of POST /api/v1/withdraw (apps/httpapi/src/routes/withdraw.ts): a stored
// group is removed once none of its hostnames carries its group ID any more. Every field of
// the answer is untrusted.
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

/** The request body: the same three fields as an attestation. */
export interface WithdrawRequest {
  owner: string;
  type: string;
  domains: string[];
}

/** What came of a withdrawal, in the shapes the page renders. */
export type WithdrawOutcome =
  /** 200: the group's records are removed. */
  | { kind: 'withdrawn'; groupId: string | null; deleted: number | null; message: string | null }
  /** 404: nothing is stored under this group ID (a typo in the owner, or never a member). */
  | { kind: 'not-found'; groupId: string | null; error: string }
  /** 409 `claims-remain`: a TXT record still carries the ID, so nothing was removed. */
  | { kind: 'claims-remain'; error: string; reasons: ApiReason[] }
  /** 409 `group-changed`: the group changed while it was being removed; try again. */
  | { kind: 'changed'; error: string }
  /** DNS did not answer for every hostname, so nothing was removed. */
  | { kind: 'indeterminate'; error: string; reasons: ApiReason[]; retryAfterSeconds: number | null }
  | RequestOutcome;

/**
 * Turns an HTTP status, its `Retry-After` header and its parsed JSON body into an outcome.
 *
 * @example
 * parseWithdrawResponse(409, null, { code: 'claims-remain', error: 'remove the records', reasons: [] });
 * // { kind: 'claims-remain', error: 'remove the records', reasons: [] }
 */
export function parseWithdrawResponse(
  httpStatus: number,
  retryAfter: string | null,
  body: unknown,
): WithdrawOutcome {
  const json = asObject(body);
  const error = str(json?.error) ?? '';
  if (httpStatus === 404 && json?.code === 'group-not-found') {
    return { kind: 'not-found', groupId: str(json.groupId, 512), error };
  }
  if (httpStatus === 409 && json?.code === 'claims-remain') {
    return { kind: 'claims-remain', error, reasons: parseReasons(json.reasons) };
  }
  if (httpStatus === 409 && json?.code === 'group-changed') return { kind: 'changed', error };
  const common = requestOutcome(httpStatus, retryAfter, body);
  if (common) return common;
  if (isIndeterminate(json)) {
    return {
      kind: 'indeterminate',
      error,
      reasons: parseReasons(json?.reasons),
      retryAfterSeconds: parseRetryAfter(retryAfter),
    };
  }
  if (httpStatus === 200 && json?.withdrawn === true) {
    const deleted = json.deleted;
    return {
      kind: 'withdrawn',
      groupId: str(json.groupId, 512),
      deleted:
        typeof deleted === 'number' && Number.isInteger(deleted) && deleted >= 0 ? deleted : null,
      message: str(json.message),
    };
  }
  return { kind: 'failed', message: 'the API answered with something that is not a withdrawal' };
}

/** The withdraw endpoint under an API base that ends in `/`. */
export function withdrawUrl(apiBase: string): string {
  return new URL('api/v1/withdraw', apiBase).href;
}

/** Posts a withdrawal and reads the answer; failures are outcomes, not exceptions. */
export async function submitWithdrawal(
  apiBase: string,
  request: WithdrawRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<WithdrawOutcome> {
  const answer = await postJson(withdrawUrl(apiBase), request, fetchImpl);
  if ('kind' in answer) return answer;
  return parseWithdrawResponse(answer.status, answer.retryAfter, answer.body);
}
