import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { Condition } from '../expressions/condition.js';
import { named, withOffer } from './rules.js';
import type { ConditionalDecision, Rule, RuleResult, WriteOperation } from './types.js';

/** Items that have field `F` (optional allowed: the rule skips when it is absent). */
export type WithField<F extends string> = { readonly [K in F]?: unknown };

/** Viewers that have property `P`. */
export type WithProperty<P extends string> = { readonly [K in P]: unknown };

/** What {@link fieldEqualsViewer} can check: an item, or a write operation on such items. */
export type FieldSubject<F extends string> = WithField<F> | WriteOf<F>;

/**
 * The part of a {@link WriteOperation} the rule relies on, typed by the field alone: checking a
 * table's write operations against it compares the item type once (through `current`) instead
 * of every operation kind with its update actions, which is most of what a policy costs the
 * type checker.
 */
export interface WriteOf<F extends string> {
  readonly type: WriteOperation<unknown>['type'];
  readonly current: () => Promise<WithField<F> | undefined>;
}

/** Equal field values: dates by time. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
}

/** Items never hold functions, so a `current` loader tells a write operation from an item. */
export function isWriteOperation(
  subject: unknown,
): subject is WriteOperation<Record<string, unknown>> {
  return (
    typeof subject === 'object' &&
    subject !== null &&
    typeof (subject as { current?: unknown }).current === 'function' &&
    typeof (subject as { type?: unknown }).type === 'string' &&
    'key' in subject
  );
}

type Changes = {
  set?: Record<string, unknown>;
  setIfNotExists?: Record<string, unknown>;
  remove?: readonly string[];
};

/**
 * What an update does to the field: nothing, set it, set it only where absent, or something
 * whose result this rule cannot know before DynamoDB applies it (`increment`, `add`, `delete`,
 * `append`, `prepend`, or a path inside the field).
 */
type FieldChange =
  | { readonly kind: 'keep' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'set' | 'ifAbsent'; readonly value: unknown };

const UPDATE_ACTIONS = ['set', 'setIfNotExists', 'increment', 'add', 'delete', 'append', 'prepend'];

function touchesInside(changes: Changes, field: string): boolean {
  const inside = (path: string) =>
    path !== field && (path.startsWith(`${field}.`) || path.startsWith(`${field}[`));
  for (const action of UPDATE_ACTIONS) {
    const map = (changes as Record<string, unknown>)[action];
    if (!map || typeof map !== 'object') continue;
    for (const path of Object.keys(map)) {
      if (inside(path) || (path === field && action !== 'set' && action !== 'setIfNotExists')) {
        return true;
      }
    }
  }
  return (changes.remove ?? []).some((path) => inside(String(path)));
}

function fieldChange(changes: Changes, field: string): FieldChange {
  if (touchesInside(changes, field)) return { kind: 'unknown' };
  if (changes.remove?.includes(field)) return { kind: 'set', value: undefined };
  if (changes.set && field in changes.set) return { kind: 'set', value: changes.set[field] };
  if (changes.setIfNotExists && field in changes.setIfNotExists) {
    return { kind: 'ifAbsent', value: changes.setIfNotExists[field] };
  }
  return { kind: 'keep' };
}

const eq = (path: string, value: unknown): Condition => ({
  type: 'compare',
  path,
  operator: '=',
  value,
  size: false,
});

/** `attribute_not_exists` of a key field: no item is stored under the key. */
export function absent(key: Readonly<Record<string, unknown>>): Condition {
  return { type: 'exists', path: Object.keys(key)[0]!, exists: false };
}

function stored(allowIf: Condition): ConditionalDecision {
  return { allowIf, otherwise: 'skip' };
}

function checkWrite(
  op: WriteOperation<Record<string, unknown>>,
  field: string,
  expected: unknown,
): RuleResult {
  const key = op.key as Record<string, unknown>;
  // A key field cannot change, so the key alone says who owns the item before and after.
  if (key && typeof key === 'object' && field in key) {
    return same(key[field], expected) ? 'allow' : 'skip';
  }
  const owned = eq(field, expected);
  switch (op.type) {
    case 'put':
      // The new item must be the viewer's, and so must any item it replaces: DynamoDB checks
      // the stored one when it writes, so an owner change in between cannot slip through.
      if (!same(op.item?.[field], expected)) return 'skip';
      return stored({ type: 'or', conditions: [absent(key), owned] });
    case 'update': {
      const change = fieldChange((op.changes ?? {}) as Changes, field);
      // The field's value after the write must be the viewer's; an action computed by DynamoDB
      // (an increment of a number owner, say) could make it anyone's, so it is not allowed here.
      if (change.kind === 'unknown') return 'skip';
      if (change.kind === 'set' && !same(change.value, expected)) return 'skip';
      // Setting the field to the viewer also makes an upsert's new item the viewer's; an
      // existing item must be the viewer's already (a set-if-absent cannot change its owner).
      if (change.kind !== 'keep' && same(change.value, expected)) {
        return stored({ type: 'or', conditions: [absent(key), owned] });
      }
      return stored(owned);
    }
    case 'delete':
    case 'check':
      return stored(owned);
  }
}

/**
 * Allows when an item's field equals a property of the viewer (`note.ownerId ===
 * viewer.userId`), skips otherwise. Works in both policies:
 *
 * - read: the item's field (on a projected index item, an unprojected field is absent: skip).
 *   The rule offers `field = viewer.property` to queries and scans (a key condition when the
 *   field is the sort key queried, a filter otherwise), so other viewers' items are not read.
 * - write: the item must be the viewer's before and after the write. A key field is read from
 *   the key. Otherwise the new item of a put is checked here and the stored item by DynamoDB,
 *   in the write's condition, when it makes the write: nobody takes over someone else's item
 *   by writing their own id into it, and an owner change racing the write cannot slip through.
 *
 * Viewers without the property own nothing; system jobs skip it.
 *
 * @example
 * const policies = { read: [fieldEqualsViewer('ownerId', 'userId')], write: [fieldEqualsViewer('ownerId', 'userId')] };
 */
export function fieldEqualsViewer<const F extends string, const P extends string>(
  field: F,
  property: P,
): Rule<NoInfer<WithProperty<P>>, NoInfer<FieldSubject<F>>> {
  for (const [what, value] of [
    ['field', field],
    ['viewer property', property],
  ] as const) {
    if (typeof value !== 'string' || value === '') {
      throw new DynamiteError(
        'definition.invalid',
        `fieldEqualsViewer takes a ${what} name, got ${describeValue(value)}`,
      );
    }
  }
  const expectedOf = (viewer: unknown) =>
    (viewer as Record<string, unknown> | null | undefined)?.[property];
  return withOffer(
    named((viewer: WithProperty<P>, subject: FieldSubject<F>): RuleResult => {
      const expected = expectedOf(viewer);
      if (expected === undefined || expected === null) return 'skip';
      if (isWriteOperation(subject)) return checkWrite(subject, field, expected);
      return same((subject as Record<string, unknown>)[field], expected) ? 'allow' : 'skip';
    }, `fieldEqualsViewer(${field} = viewer.${property})`),
    (actor) => {
      if (actor.kind !== 'viewer') return 'none';
      const expected = expectedOf(actor.viewer);
      return expected === undefined || expected === null ? 'none' : eq(field, expected);
    },
  );
}
