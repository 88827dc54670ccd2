import { type AttestReason, checkAttestInput, type SymmetryType } from '@symval/attestation';
import { calculateGroupIdV1 } from '@symval/groupid';
import { groupRequestSchema } from '../schema/requests.js';

/** A 400 answer: what is wrong and where. `field` is `null` for the body as a whole. */
export type InputProblem = {
  error: string;
  field: string | null;
  code: string;
};

/** A group request that passed every check made before DNS. */
export interface GroupRequest {
  /** The owner exactly as sent. */
  owner: string;
  type: SymmetryType;
  /** The hostnames as sent. */
  domains: string[];
  /** The hostnames normalised, in the order sent. */
  hostnames: string[];
  /** The group ID these hostnames must carry. */
  groupId: string;
}

/** The outcome of {@link parseGroupRequest}. */
export type GroupRequestResult =
  | { ok: true; request: GroupRequest }
  | { ok: false; problem: InputProblem };

/**
 * Checks a parsed JSON body of `/attest` or `/withdraw`: its shape against the request schema
 * (the one OpenAPI shows), then the engine's own input rules (`checkAttestInput`: type, number
 * of hostnames, each hostname after normalisation, duplicates, owner). Nothing here touches DNS.
 */
export function parseGroupRequest(body: unknown): GroupRequestResult {
  const checked = groupRequestSchema.check(body, null);
  if (!checked.ok) {
    const { field, code, message } = checked.issue;
    return { ok: false, problem: { field, code, error: message } };
  }
  const { owner, domains } = checked.value;
  const input = checkAttestInput({ owner, type: checked.value.type, domains });
  if (!input.ok) return { ok: false, problem: problemFromReasons(input.reasons) };
  const { type, hostnames } = input.input;
  const groupId = calculateGroupIdV1(owner, type.code, hostnames);
  return { ok: true, request: { owner, type, domains, hostnames, groupId } };
}

/** Turns the engine's input reasons into a 400 naming the first field at fault. */
export function problemFromReasons(reasons: readonly AttestReason[]): InputProblem {
  const reason = reasons[0] ?? { code: 'input-invalid', message: 'the input was refused' };
  return { field: reason.field ?? null, code: reason.code, error: reason.message };
}
