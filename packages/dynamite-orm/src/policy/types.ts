import type { Condition } from '../expressions/condition.js';
import type { UpdateActions } from '../expressions/update.js';
import type { TableModel } from '../model/table-model.js';
import type { Fields } from '../schema/attribute.js';
import type { InferItem, Simplify } from '../schema/infer.js';
import type { Actor, SystemActor } from './actor.js';

/** What a rule says: `allow` and `deny` decide, `skip` leaves it to the next rule. */
export type Decision = 'allow' | 'deny' | 'skip';

/**
 * An answer that depends on the stored item, for DynamoDB to settle when the write is made:
 * allow if `allowIf` holds for the item stored at that moment (the condition goes into the
 * write's ConditionExpression), else `otherwise`. On a read the mapper settles it on the item
 * read. `newItem`, for puts, must also hold for the item written (checked before sending).
 * What the check saw is then what DynamoDB enforces, so a concurrent change cannot slip in
 * between the check and the write.
 */
export interface ConditionalDecision {
  readonly allowIf: Condition;
  readonly otherwise: 'skip' | 'deny';
  readonly newItem?: Condition;
}

/** A rule's answer, now or later (rules may be async). */
export type RuleResult =
  | Decision
  | ConditionalDecision
  | PromiseLike<Decision | ConditionalDecision>;

/**
 * What a rule can ever allow for an actor, for reads pushed into the query: `all` (anything,
 * or it cannot say), `none`, or only items for which the condition holds.
 */
export type ReadOffer = 'all' | 'none' | Condition;

/**
 * The key under which a rule says what it can allow (see {@link ReadOffer}). dynamite ORs the
 * offers of a read policy into the key condition or filter of queries and scans, so items the
 * policy would refuse are not read at all; every item read is still checked by the rules.
 */
export const readOffer: unique symbol = Symbol.for('@symval/dynamite-orm/readOffer');

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
  /** What the rule can allow for an actor (reads); without it, anything for viewers. */
  readonly [readOffer]?: (actor: Actor<V>) => ReadOffer;
}

/**
 * The key under which a write operation carries its table's compiled model, so rules that hold
 * a condition can check it against the item a put writes.
 */
export const operationModel: unique symbol = Symbol.for('@symval/dynamite-orm/operationModel');

interface WriteBase<Item, Key> {
  /** The table's compiled model (set by the mapper; absent in hand-made operations). */
  readonly [operationModel]?: TableModel;
  /** The logical table name. */
  readonly table: string;
  /** The primary key the write targets. */
  readonly key: Key;
  /** The write's condition, including the ones added for create-only puts and versions. */
  readonly condition: Condition | undefined;
  /**
   * The item stored now (a consistent, strictly validated read), or `undefined` when there is
   * none. Read only if a rule calls it, at most once per operation however many rules call it.
   * Reading it holds the write to what was read: every field a rule looked at must still hold
   * the same stored value (or the item must still be absent) when DynamoDB makes the write, or
   * nothing is written. A rule that only needs a predicate on the stored item does better to
   * answer a {@link ConditionalDecision}: no read, and only that predicate is enforced.
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
