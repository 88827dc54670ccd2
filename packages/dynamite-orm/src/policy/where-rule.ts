import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { type Condition, conditionBuilder } from '../expressions/condition.js';
import {
  conditionFields,
  conditionHolds,
  decodedLookup,
} from '../expressions/evaluate-condition.js';
import { absent, isWriteOperation } from './field-rule.js';
import { named, withOffer } from './rules.js';
import { operationModel, type Rule, type RuleResult, type WriteOperation } from './types.js';

type Scalar<T> = NonNullable<T> extends ReadonlySet<unknown> | readonly unknown[] ? never : T;
type StringField<Item> = {
  [K in keyof Item & string]: NonNullable<Item[K]> extends string | Date ? K : never;
}[keyof Item & string];
type CollectionField<Item> = {
  [K in keyof Item & string]: NonNullable<Item[K]> extends
    | string
    | ReadonlySet<unknown>
    | readonly unknown[]
    ? K
    : never;
}[keyof Item & string];
type Element<T> = T extends ReadonlySet<infer E> ? E : T extends readonly (infer E)[] ? E : string;

/**
 * The condition builder of {@link allowWhere}, typed from the item's top-level fields (the same
 * conditions the write options' `if` builds, on the fields a read rule sees).
 */
export interface ItemConditionBuilder<Item> {
  exists(field: keyof Item & string): Condition;
  notExists(field: keyof Item & string): Condition;
  eq<K extends keyof Item & string>(field: K, value: NonNullable<Item[K]>): Condition;
  ne<K extends keyof Item & string>(field: K, value: NonNullable<Item[K]>): Condition;
  lt<K extends keyof Item & string>(field: K, value: Scalar<NonNullable<Item[K]>>): Condition;
  le<K extends keyof Item & string>(field: K, value: Scalar<NonNullable<Item[K]>>): Condition;
  gt<K extends keyof Item & string>(field: K, value: Scalar<NonNullable<Item[K]>>): Condition;
  ge<K extends keyof Item & string>(field: K, value: Scalar<NonNullable<Item[K]>>): Condition;
  between<K extends keyof Item & string>(
    field: K,
    low: Scalar<NonNullable<Item[K]>>,
    high: Scalar<NonNullable<Item[K]>>,
  ): Condition;
  beginsWith(field: StringField<Item>, prefix: string): Condition;
  contains<K extends CollectionField<Item>>(
    field: K,
    value: Element<NonNullable<Item[K]>>,
  ): Condition;
  in<K extends keyof Item & string>(field: K, values: readonly NonNullable<Item[K]>[]): Condition;
  and(...conditions: Condition[]): Condition;
  or(...conditions: Condition[]): Condition;
  not(condition: Condition): Condition;
}

/** What {@link allowWhere} can check: an item, or a write operation on such items. */
export type WhereSubject<Item> = Item | WriteOperation<Item, unknown, unknown>;

const ACTION_MAPS = ['set', 'setIfNotExists', 'increment', 'add', 'delete', 'append', 'prepend'];

/** The top-level fields an update's actions touch. */
function touched(changes: Readonly<Record<string, unknown>>): Set<string> {
  const out = new Set<string>();
  const top = (path: string) => out.add(path.split('.')[0]!);
  for (const action of ACTION_MAPS) {
    const map = changes[action];
    if (map && typeof map === 'object') for (const path of Object.keys(map)) top(path);
  }
  const removed = changes.remove;
  if (Array.isArray(removed)) for (const path of removed) top(String(path));
  return out;
}

/**
 * Allows the items a condition holds for, built per viewer from the item's fields; skips the
 * others. The condition is data, so dynamite uses it three ways, and all agree:
 *
 * - read: checked on each item read, and offered to queries and scans (the key condition when
 *   it constrains the sort key queried, else the filter), so items it excludes are not read;
 * - put: the new item must satisfy it, and so must the item it replaces (checked by DynamoDB
 *   in the write's condition, when it writes);
 * - update, delete, transaction check: DynamoDB checks the stored item when it writes. An
 *   update that changes a field the condition reads is skipped (its result cannot be judged
 *   before it is made).
 *
 * The builder returning `undefined` skips. System jobs skip it.
 *
 * @example
 * // Members see the messages addressed to them: sort keys `<recipientId>#<messageId>`.
 * read: [allowWhere<Member, Message>((member, c) => c.beginsWith('messageKey', `${member.userId}#`))]
 */
export function allowWhere<V, Item>(
  build: (viewer: V, c: ItemConditionBuilder<Item>) => Condition | undefined,
  name?: string,
): Rule<V, WhereSubject<Item>> {
  if (typeof build !== 'function') {
    throw new DynamiteError(
      'definition.invalid',
      `allowWhere takes a function building a condition, got ${describeValue(build)}`,
    );
  }
  const c = conditionBuilder() as unknown as ItemConditionBuilder<Item>;
  const label = `allowWhere(${name ?? (build.name || 'anonymous')})`;
  const conditionFor = (viewer: V): Condition | undefined => {
    const condition = build(viewer, c);
    if (condition !== undefined && (typeof condition !== 'object' || condition === null)) {
      throw new DynamiteError(
        'definition.invalid',
        `${label} built ${describeValue(condition)}; it must return a condition or undefined`,
      );
    }
    return condition;
  };
  return withOffer(
    named((viewer: V, subject: WhereSubject<Item>): RuleResult => {
      const condition = conditionFor(viewer);
      if (condition === undefined) return 'skip';
      if (!isWriteOperation(subject)) return { allowIf: condition, otherwise: 'skip' };
      switch (subject.type) {
        case 'put': {
          const model = subject[operationModel];
          const written = subject.item as Readonly<Record<string, unknown>>;
          if (!model || !conditionHolds(model, condition, decodedLookup(written))) return 'skip';
          return {
            allowIf: { type: 'or', conditions: [absent(subject.key), condition] },
            otherwise: 'skip',
          };
        }
        case 'update': {
          const reads = conditionFields(condition);
          for (const field of touched(subject.changes)) if (reads.has(field)) return 'skip';
          return { allowIf: condition, otherwise: 'skip' };
        }
        default:
          return { allowIf: condition, otherwise: 'skip' };
      }
    }, label),
    (actor) => (actor.kind === 'viewer' ? (conditionFor(actor.viewer) ?? 'none') : 'none'),
  );
}
