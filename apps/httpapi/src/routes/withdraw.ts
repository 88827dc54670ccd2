import type { Hono } from 'hono';
import { enforceRateLimit, type RouteDeps } from '../app/deps.js';
import type { AppEnv } from '../app/env.js';
import { problem } from '../app/problem.js';
import { storeUnavailable } from '../app/store-unavailable.js';
import { readJsonBody } from '../http/json-body.js';
import { parseGroupRequest } from '../input/group-request.js';
import { decideWithdrawal, lookupAll } from '../withdraw/decide.js';

/**
 * `POST /api/v1/withdraw`: removes a stored group at once when none of its hostnames still
 * carries its claim. 404 when nothing is stored (and then no DNS query is made), 409 while a
 * claim remains, 503 when DNS could not say or the table could not take the deletes.
 */
export function registerWithdraw(app: Hono<AppEnv>, deps: RouteDeps): void {
  app.post('/api/v1/withdraw', async (c) => {
    const body = await readJsonBody(c);
    if (!body.ok) return problem(c, body.status, body.problem);
    const parsed = parseGroupRequest(body.value);
    if (!parsed.ok) return problem(c, 400, parsed.problem);
    const { groupId, hostnames } = parsed.request;
    const limited = await enforceRateLimit(c, deps, 'withdraw');
    if (limited) return limited;

    const stored = await deps.store.readGroup(groupId);
    if (stored.length === 0) {
      deps.metrics.withdraw('not-found');
      return problem(c, 404, {
        field: null,
        code: 'group-not-found',
        error: `no records are stored for group ${groupId}`,
        groupId,
      });
    }
    const decision = decideWithdrawal(groupId, await lookupAll(deps.resolver, hostnames));
    c.var.log.info('withdraw', { groupId, decision: decision.kind });
    if (decision.kind === 'claims-remain') {
      deps.metrics.withdraw('claims-remain');
      return problem(c, 409, {
        field: null,
        code: 'claims-remain',
        error: 'the group still has claims in DNS; remove its _suns TXT records, then withdraw',
        groupId,
        reasons: decision.reasons,
      });
    }
    if (decision.kind === 'indeterminate') {
      deps.metrics.withdraw('indeterminate');
      return problem(
        c,
        503,
        {
          field: null,
          code: 'indeterminate',
          error:
            'DNS did not answer for every hostname, so the claims are unknown; try again later',
          groupId,
          status: 'indeterminate',
          reasons: decision.reasons,
        },
        { 'Retry-After': String(deps.retryAfterSeconds) },
      );
    }
    const { deleted, conflicts, unavailable } = await deps.store.deleteGroup(stored);
    if (unavailable) {
      deps.metrics.withdraw('unavailable');
      // The records that went stay gone and the rest stay stored: withdrawing again (the claims
      // are still absent) removes what is left.
      return storeUnavailable(c, deps, unavailable.failure, { groupId, deleted });
    }
    if (conflicts > 0) {
      deps.metrics.withdraw('conflict');
      return problem(c, 409, {
        field: null,
        code: 'group-changed',
        error: `${conflicts} of the group's records changed while withdrawing and were kept; try again`,
        groupId,
        deleted,
      });
    }
    deps.metrics.withdraw('withdrawn');
    return c.json({
      withdrawn: true,
      groupId,
      deleted,
      message: `Group withdrawn: ${deleted} ${deleted === 1 ? 'record' : 'records'} removed.`,
    });
  });
}
