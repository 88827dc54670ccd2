import { GroupIdError, safeParseGroupId } from '@symval/groupid';
import type { Hono } from 'hono';
import type { RouteDeps } from '../app/deps.js';
import type { AppEnv } from '../app/env.js';
import { problem } from '../app/problem.js';
import { groupIdSchema } from '../schema/requests.js';

/** `GET /api/v1/groups/{groupId}`: a group's stored records, read consistently. */
export function registerGroups(app: Hono<AppEnv>, deps: RouteDeps): void {
  // `{.+}`: a group ID holds `/`; clients should send `%2F`, and a raw `/` is accepted too.
  app.get('/api/v1/groups/:groupId{.+}', async (c) => {
    const checked = groupIdSchema.check(c.req.param('groupId'), 'groupId');
    const parsed = checked.ok ? safeParseGroupId(checked.value) : undefined;
    if (!checked.ok || parsed instanceof GroupIdError || parsed === undefined) {
      return problem(c, 400, {
        field: 'groupId',
        code: 'groupid-invalid',
        error: checked.ok ? (parsed as GroupIdError).message : checked.issue.message,
      });
    }
    const records = await deps.store.readGroup(parsed.raw);
    if (records.length === 0) {
      return problem(c, 404, {
        field: null,
        code: 'group-not-found',
        error: `no records are stored for group ${parsed.raw}`,
        groupId: parsed.raw,
      });
    }
    return c.json({ groupId: parsed.raw, records });
  });
}
