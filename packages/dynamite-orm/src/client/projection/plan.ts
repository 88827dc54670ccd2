// Projections of reads. The caller names fields; the result has those fields only. What is
// fetched depends on the read policy: one that allows the actor every item without looking at
// it gets the projection as asked (DynamoDB returns those fields and the keys); one that looks
// at items is given whole items, since dynamite cannot know which fields its rules read, and
// the fields not asked for are removed after the check. Read capacity is the same either way
// (DynamoDB charges by item size, not by what a projection returns); only bandwidth differs.
import { type ReadIssue, readIssues } from '../../model/lenient.js';
import type { TableShape } from '../../model/table-shape.js';
import { checkAttributes } from '../../requests/read.js';
import type { Caller } from '../caller.js';
import { allowsWithoutItems } from './item-free.js';

/** What a projected read fetches, and which fields its result keeps. */
export interface ReadProjection {
  /** The fields to put in the ProjectionExpression; `undefined`: fetch the whole item. */
  readonly fetch: readonly string[] | undefined;
  /** The fields the result keeps; `undefined`: all of them (no projection asked). */
  readonly keep: readonly string[] | undefined;
}

const WHOLE: ReadProjection = Object.freeze({ fetch: undefined, keep: undefined });

/** Plans a read of `attributes` (field names, checked) for the caller's actor. */
export async function planProjection(
  caller: Caller<TableShape>,
  attributes: unknown,
): Promise<ReadProjection> {
  if (attributes === undefined) return WHOLE;
  const keep = checkAttributes(caller.connection.target.model, attributes);
  const fetch = (await allowsWithoutItems(caller)) ? keep : undefined;
  return { fetch, keep };
}

/**
 * The item with only the fields a projection keeps (absent ones stay absent). An unchecked
 * item of a lenient read keeps the issues of the kept fields: one whose issues were all in
 * fields left out is, as returned, a checked item.
 */
export function keepFields<T>(item: T, keep: readonly string[] | undefined): T {
  if (keep === undefined || item === undefined || item === null) return item;
  const record = item as Record<string, unknown> & { [readIssues]?: readonly ReadIssue[] };
  const out: Record<string, unknown> = {};
  for (const name of keep) if (name in record) out[name] = record[name];
  const issues = record[readIssues]?.filter((issue) =>
    keep.includes(issue.path.split(/[.[]/, 1)[0]!),
  );
  if (issues && issues.length > 0) {
    Object.defineProperty(out, readIssues, { value: Object.freeze(issues), enumerable: false });
  }
  return out as T;
}
