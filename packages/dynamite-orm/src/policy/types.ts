import type { Condition } from '../expressions/condition.js';
import type { UpdateActions } from '../expressions/update.js';
import type { Fields } from '../schema/attribute.js';
import type { InferItem, Simplify } from '../schema/infer.js';
import type { SystemActor } from './actor.js';

/** What a rule says: `allow` and `deny` decide, `skip` leaves it to the next rule. */
export type Decision = 'allow' | 'deny' | 'skip';

/** A rule's answer, now or later (rules may be async). */
export type RuleResult = Decision | PromiseLike<Decision>;

/**
 * The key under which a rule carries its decision for system jobs. A rule without it is never
 * called for a system job (its viewer type would be a lie) and counts as `skip`.
 */
export const forSystem: unique symbol = Symbol.for('@symval/dynamite-orm/forSystem');

/**
 * One rule of a read or write policy: `(viewer, subject) => 'allow' | 'deny' | 'skip'`, sync
 * or async. The subject is the item (read policies) or the {@link WriteOperation} (write
 * policies). A function's name is used in denial reasons.
 */
export interface Rule<V, Subject> {
  (viewer: V, subject: Subject): RuleResult;
  /** The rule's decision for a named system job; without it the rule skips system jobs. */
  readonly [forSystem]?: (system: SystemActor, subject: Subject) => RuleResult;
}

interface WriteBase<Item, Key> {
  /** The logical table name. */
  readonly table: string;
  /** The primary key the write targets. */
  readonly key: Key;
  /** The write's condition, including the ones added for create-only puts and versions. */
  readonly condition: Condition | undefined;
  /**
   * The item stored now (a consistent read), or `undefined` when there is none. Read only if a
   * rule calls it, at most once per operation however many rules call it.
   */
  readonly current: () => Promise<Item | undefined>;
}

/**
 * One write as a write policy sees it, before anything is sent. `check` is a transaction's
 * condition check: it writes nothing, but its outcome tells something about the item.
 */
export type WriteOperation<Item, Key = Partial<Item>, Changes = Readonly<Record<string, unknown>>> =
  | (WriteBase<Item, Key> & {
      readonly type: 'put';
      /** The whole new item, validated, defaults and version applied. */
      readonly item: Item;
    })
  | (WriteBase<Item, Key> & {
      readonly type: 'update';
      /** The update actions as given (`set`, `increment`, `remove`, ...). */
      readonly changes: Changes;
    })
  | (WriteBase<Item, Key> & { readonly type: 'delete' })
  | (WriteBase<Item, Key> & { readonly type: 'check' });

/** The kinds of write a write policy sees. */
export type WriteType = WriteOperation<unknown>['type'];

/** A rule of a read policy for items `Item` and viewers `V`. */
export type ReadRule<Item, V> = Rule<V, Item>;

/** A rule of a write policy for items `Item` and viewers `V`. */
export type WriteRule<
  Item,
  V,
  Key = Partial<Item>,
  Changes = Readonly<Record<string, unknown>>,
> = Rule<V, WriteOperation<Item, Key, Changes>>;

/**
 * A table's read and write policies: ordered rules, the first `allow` or `deny` decides, and
 * when every rule skips the answer is deny.
 */
export interface TablePolicies<
  Item,
  V,
  Key = Partial<Item>,
  Changes = Readonly<Record<string, unknown>>,
> {
  /** Checked for every item an operation returns (get, query, scan, batchGet, write results). */
  readonly read: readonly ReadRule<Item, V>[];
  /** Checked for every write (put, update, delete, batchWrite, transactWrite) before sending. */
  readonly write: readonly WriteRule<Item, V, Key, Changes>[];
}

type KeyNames<PK extends string, SK extends string | undefined> = PK | Exclude<SK, undefined>;

/** The policies a `defineTable` configuration takes, typed from its fields, keys and viewer. */
export type TableConfigPolicies<
  F extends Fields,
  PK extends string,
  SK extends string | undefined,
  Ver extends string | undefined,
  V,
> = NoInfer<
  TablePolicies<
    InferItem<F>,
    V,
    Simplify<Pick<InferItem<F>, Extract<KeyNames<PK, SK>, keyof InferItem<F>>>>,
    UpdateActions<F, KeyNames<PK, SK> | Exclude<Ver, undefined>>
  >
>;
