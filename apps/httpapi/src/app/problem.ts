import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { InputProblem } from '../input/group-request.js';

/**
 * An error answer: `{ error, field, code }` (the shape clients read for 4xx), plus whatever
 * else the caller adds.
 */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  detail: InputProblem & Record<string, unknown>,
  headers?: Record<string, string>,
): Response {
  const { error, field, code, ...rest } = detail;
  return c.json({ error, field, code, ...rest }, status, headers);
}
