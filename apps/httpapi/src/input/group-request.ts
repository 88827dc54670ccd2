import { type AttestReason, type CheckedInput, checkAttestInput } from '@symval/attestation';
import { groupRequestSchema } from '../schema/requests.js';

/** A 400 answer: what is wrong and where. `field` is `null` for the body as a whole. */
export type InputProblem = {
  error: string;
  field: string | null;
  code: string;
};

/**
 * A group request that passed every check made before DNS: the engine's checked input (the
 * owner exactly as sent, the type resolved, the hostnames normalised in the order sent, the
 * group ID they must carry), ready for `attestChecked`, plus the hostnames as sent.
 */
export type GroupRequest = CheckedInput & {
  /** The hostnames as sent. */
  domains: string[];
};

/** The outcome of {@link parseGroupRequest}. */
export type GroupRequestResult =
  | { ok: true; request: GroupRequest }
  | { ok: false; problem: InputProblem };

/**
 * Checks a parsed JSON body of `/attest` or `/withdraw`: its shape against the request schema
 * (the one OpenAPI shows), then the engine's own input rules (`checkAttestInput`: type, number
 * of hostnames, each hostname after normalisation, duplicates, owner), which also give the
 * group ID. This is the one check: `/attest` hands the request to `attestChecked`, which does
 * not check again. Nothing here touches DNS.
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
  return { ok: true, request: { ...input.input, domains } };
}

/** Turns the engine's input reasons into a 400 naming the first field at fault. */
export function problemFromReasons(reasons: readonly AttestReason[]): InputProblem {
  const reason = reasons[0] ?? { code: 'input-invalid', message: 'the input was refused' };
  return { field: reason.field ?? null, code: reason.code, error: reason.message };
}
