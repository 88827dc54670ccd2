import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { named } from './rules.js';
import type { Decision, Rule, RuleResult, WriteOperation } from './types.js';

/** Items that have field `F` (optional allowed: the rule skips when it is absent). */
export type WithField<F extends string> = { readonly [K in F]?: unknown };

/** Viewers that have property `P`. */
export type WithProperty<P extends string> = { readonly [K in P]: unknown };

/** What {@link fieldEqualsViewer} can check: an item, or a write operation on such items. */
export type FieldSubject<F extends string> =
  | WithField<F>
  | WriteOperation<WithField<F>, unknown, unknown>;

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
}

/** Items never hold functions, so a `current` loader tells a write operation from an item. */
function isWriteOperation(subject: unknown): subject is WriteOperation<Record<string, unknown>> {
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

/** What an update does to the field: nothing, set it, or set it only where absent. */
type FieldChange =
  | { readonly kind: 'keep' }
  | { readonly kind: 'set' | 'ifAbsent'; readonly value: unknown };

function fieldChange(changes: Changes, field: string): FieldChange {
  if (changes.remove?.includes(field)) return { kind: 'set', value: undefined };
  if (changes.set && field in changes.set) return { kind: 'set', value: changes.set[field] };
  if (changes.setIfNotExists && field in changes.setIfNotExists) {
    return { kind: 'ifAbsent', value: changes.setIfNotExists[field] };
  }
  return { kind: 'keep' };
}

function checkWrite(
  op: WriteOperation<Record<string, unknown>>,
  field: string,
  expected: unknown,
): RuleResult {
  const key = op.key as Record<string, unknown> | undefined;
  // A key field cannot change, so the key alone says who owns the item before and after.
  if (key && typeof key === 'object' && field in key) {
    return same(key[field], expected) ? 'allow' : 'skip';
  }
  const owned = (item: Record<string, unknown> | undefined) =>
    item !== undefined && same(item[field], expected);
  switch (op.type) {
    case 'put':
      // The new item must be the viewer's, and so must any item it replaces.
      if (!owned(op.item)) return 'skip';
      return op
        .current()
        .then((stored): Decision => (stored === undefined || owned(stored) ? 'allow' : 'skip'));
    case 'update': {
      const change = fieldChange((op.changes ?? {}) as Changes, field);
      if (change.kind === 'set' && !same(change.value, expected)) return 'skip';
      return op.current().then((stored): Decision => {
        // An existing item must be the viewer's; a set-if-absent cannot change its owner.
        if (stored !== undefined) return owned(stored) ? 'allow' : 'skip';
        // Nothing stored: an upsert creates the item, the viewer's only if it sets the field.
        return change.kind !== 'keep' && same(change.value, expected) ? 'allow' : 'skip';
      });
    }
    case 'delete':
    case 'check':
      return op.current().then((stored): Decision => (owned(stored) ? 'allow' : 'skip'));
  }
}

/**
 * Allows when an item's field equals a property of the viewer (`note.ownerId ===
 * viewer.userId`), skips otherwise. Works in both policies:
 *
 * - read: the item's field (on a projected index item, an unprojected field is absent: skip);
 * - write: the item must be the viewer's before and after the write. A key field is read from
 *   the key; otherwise the current item is read (lazily, once) and, for a put, the new item
 *   checked too, so nobody takes over someone else's item by writing their own id into it.
 *
 * Viewers without the property own nothing; system jobs skip it.
 *
 * @example
 * policies: { read: [fieldEqualsViewer('ownerId', 'userId')], write: [fieldEqualsViewer('ownerId', 'userId')] }
 */
export function fieldEqualsViewer<const F extends string, const P extends string>(
  field: F,
  property: P,
): Rule<WithProperty<P>, FieldSubject<F>> {
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
  return Object.freeze(
    named((viewer: WithProperty<P>, subject: FieldSubject<F>): RuleResult => {
      const expected = (viewer as Record<string, unknown> | null | undefined)?.[property];
      if (expected === undefined || expected === null) return 'skip';
      if (isWriteOperation(subject)) return checkWrite(subject, field, expected);
      return same((subject as Record<string, unknown>)[field], expected) ? 'allow' : 'skip';
    }, `fieldEqualsViewer(${field} = viewer.${property})`),
  );
}
