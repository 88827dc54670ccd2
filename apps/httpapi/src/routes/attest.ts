import {
  type AttestResult,
  attestChecked,
  countHostnamesWithExpectedId,
} from '@symval/attestation';
import type { Hono } from 'hono';
import { enforceRateLimit, type RouteDeps } from '../app/deps.js';
import type { AppEnv } from '../app/env.js';
import { problem } from '../app/problem.js';
import { readJsonBody } from '../http/json-body.js';
import { parseGroupRequest } from '../input/group-request.js';
import type { StoredRecord } from '../store/group-store.js';

/**
 * The answer of `POST /api/v1/attest`: 200 when `valid` or `invalid`; an `indeterminate` one
 * is a 503 ({@link AttestIndeterminateResponse}) with these fields too.
 */
export interface AttestResponse {
  /** Kept for existing clients: `status === 'valid'`. */
  isValid: boolean;
  expectedId: string;
  /** Kept for existing clients: how many hostnames carry `expectedId` in their claims. */
  groupIdCount: number;
  /** Kept for existing clients: the reasons in one sentence, when not valid. */
  errorMessage?: string;
  message: string;
  status: AttestResult['status'];
  reasons: AttestResult['reasons'];
  type: { code: string; name: string };
  hostnames: string[];
  ignoredRecords: AttestResult['ignoredRecords'];
  /** When valid: the records as stored. */
  records?: StoredRecord[];
}

/**
 * The 503 answer when DNS did not answer for every hostname: every field of
 * {@link AttestResponse} (old clients read them) plus the `{ error, field, code }` of the API's
 * other error answers, as withdraw answers the same case.
 */
export interface AttestIndeterminateResponse extends AttestResponse {
  error: string;
  field: null;
  code: 'indeterminate';
  status: 'indeterminate';
}

const MESSAGES: Record<AttestResult['status'], string> = {
  valid: 'Attestation succeeded: the group is stored.',
  invalid: 'Attestation failed: see reasons.',
  indeterminate:
    'Attestation could not finish: DNS did not answer for every hostname; try again later.',
};

/** `POST /api/v1/attest`: checks the input, attests over DNS, stores a valid group. */
export function registerAttest(app: Hono<AppEnv>, deps: RouteDeps): void {
  app.post('/api/v1/attest', async (c) => {
    const body = await readJsonBody(c);
    if (!body.ok) return problem(c, body.status, body.problem);
    const parsed = parseGroupRequest(body.value);
    if (!parsed.ok) return problem(c, 400, parsed.problem);
    const { request } = parsed;
    const limited = await enforceRateLimit(c, deps, 'attest');
    if (limited) return limited;

    const started = performance.now();
    // Checked once, above: the engine takes the checked input as it is.
    const result = await attestChecked(request, { resolver: deps.resolver, now: deps.now });
    // Only a valid result is written.
    let records: StoredRecord[] | undefined;
    if (result.status === 'valid') {
      const saved = await deps.store.saveAttested(result);
      if (saved.status === 'busy') {
        c.var.log.warn('attest not stored: concurrent writes', { groupId: result.expectedId });
        return problem(
          c,
          503,
          {
            field: null,
            code: 'store-busy',
            error: 'the group is valid but other writes to it kept interfering; try again',
          },
          { 'Retry-After': '1' },
        );
      }
      records = saved.records;
    }
    const durationMs = performance.now() - started;
    deps.metrics.attest(result.status, durationMs);
    c.var.log.info('attest', {
      groupId: result.expectedId,
      status: result.status,
      reasons: result.reasons.map((reason) => reason.code),
      durationMs: Math.round(durationMs),
    });

    const answer: AttestResponse = {
      isValid: result.status === 'valid',
      expectedId: result.expectedId,
      groupIdCount: countHostnamesWithExpectedId(result),
      ...(result.status === 'valid'
        ? {}
        : { errorMessage: result.reasons.map((reason) => reason.message).join('; ') }),
      message: MESSAGES[result.status],
      status: result.status,
      reasons: result.reasons,
      type: { code: request.type.code, name: request.type.name },
      hostnames: result.hostnames,
      ignoredRecords: result.ignoredRecords,
      ...(records ? { records } : {}),
    };
    if (result.status === 'indeterminate') {
      // 503, as withdraw answers it: nothing was stored and a later try may decide. The first
      // club answered a failed lookup with a 500, so its clients already take it as a failure.
      return problem(
        c,
        503,
        {
          error:
            'DNS did not answer for every hostname, so the claims are unknown; nothing was stored; try again later',
          field: null,
          code: 'indeterminate',
          ...answer,
        },
        { 'Retry-After': String(deps.retryAfterSeconds) },
      );
    }
    return c.json(answer, 200);
  });
}
