import type { Condition, ConditionInput } from '../expressions/condition.js';
import type { TableInput, TableItem, TableKey, TableShape } from '../model/table-shape.js';
import type { Actor } from '../policy/actor.js';
import { planCheck, planDelete, planPut, planUpdate, type WritePlan } from '../requests/write.js';
import { type Connection, plannedWrite } from './connection.js';
import { toCondition, toWriteOptions } from './convert.js';
import { type GetOperation, getOperation, storedGetOperation } from './multi/get-operation.js';
import type {
  DeleteOptions,
  FieldNames,
  OptionsArgument,
  Projected,
  PutOptions,
  TableUpdateActions,
  UpdateOptions,
} from './options.js';
import { type TransactKind, type TransactOperation, transactItem } from './transact.js';

/**
 * Builds transaction operations for one table and actor; pass them to `transactWrite`.
 * Options are the same as the single operations'.
 */
export class TransactionBuilders<S extends TableShape> {
  readonly #connection: Connection<S>;
  readonly #actor: Actor<S['viewer']>;

  constructor(connection: Connection<S>, actor: Actor<S['viewer']>) {
    this.#connection = connection;
    this.#actor = actor;
  }

  #operation<K extends TransactKind>(
    plan: WritePlan,
    replan: (policy: Condition) => WritePlan,
  ): TransactOperation<TableItem<S>, K> {
    const connection = this.#connection;
    const tracked = plannedWrite(connection, plan);
    const caller = { connection, actor: this.#actor };
    return Object.freeze({
      kind: 'transact-operation',
      readBack: () => storedGetOperation(caller, plan.key, (item) => item),
      model: connection.target.model,
      tableName: connection.target.tableName,
      client: connection.client,
      send: connection.send,
      gate: connection.gate,
      actor: this.#actor,
      plan,
      write: tracked.write,
      tracked,
      replan,
      request: transactItem(plan),
    });
  }

  /** A put in a transaction. */
  put(item: TableInput<S>, options: PutOptions<S> = {}): TransactOperation<TableItem<S>, 'put'> {
    const target = this.#connection.target;
    // One time, so a put planned again after the policy check stores the same timestamps.
    const opts = { ...toWriteOptions(options), now: new Date() };
    return this.#operation(planPut(target, item, opts), (policy) =>
      planPut(target, item, { ...opts, policy }),
    );
  }

  /** An update in a transaction. */
  update(
    key: TableKey<S>,
    actions: TableUpdateActions<S>,
    ...[options]: OptionsArgument<S, UpdateOptions<S>>
  ): TransactOperation<TableItem<S>, 'update'> {
    const target = this.#connection.target;
    const changes = actions as Record<string, unknown>;
    // One time for the plan and a replan; the plan carries the changes as sent (timestamps and
    // computed values included), which the policy sees, as for a single update.
    const opts = { ...toWriteOptions(options), now: new Date() };
    return this.#operation(planUpdate(target, key, changes, opts), (policy) =>
      planUpdate(target, key, changes, { ...opts, policy }),
    );
  }

  /** A delete in a transaction. */
  delete(
    key: TableKey<S>,
    ...[options]: OptionsArgument<S, DeleteOptions<S>>
  ): TransactOperation<TableItem<S>, 'delete'> {
    const target = this.#connection.target;
    const opts = toWriteOptions(options);
    return this.#operation(planDelete(target, key, opts), (policy) =>
      planDelete(target, key, { ...opts, policy }),
    );
  }

  /**
   * A read of one item for `transactGet` or `batchGetAll` (with reads of other tables);
   * `attributes` projects it as in `get`.
   */
  get<const A extends FieldNames<TableItem<S>> | undefined = undefined>(
    key: TableKey<S>,
    options: { attributes?: A } = {},
  ): GetOperation<Projected<TableItem<S>, A>> {
    const caller = { connection: this.#connection, actor: this.#actor };
    return getOperation(caller, key, options.attributes);
  }

  /** A condition the transaction requires of an item it does not write. */
  check(
    key: TableKey<S>,
    condition: ConditionInput<S['fields']>,
  ): TransactOperation<TableItem<S>, 'check'> {
    const target = this.#connection.target;
    const built = toCondition(condition)!;
    return this.#operation(planCheck(target, key, built), (policy) =>
      planCheck(target, key, built, { policy }),
    );
  }
}
