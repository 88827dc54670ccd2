import type { ConditionInput } from '../expressions/condition.js';
import type { TableInput, TableKey, TableShape } from '../model/table-shape.js';
import type { Actor } from '../policy/actor.js';
import { planCheck, planDelete, planPut, planUpdate, type WritePlan } from '../requests/write.js';
import { type Connection, plannedWrite } from './connection.js';
import { toCondition, toWriteOptions } from './convert.js';
import type {
  DeleteOptions,
  OptionsArgument,
  PutOptions,
  TableUpdateActions,
  UpdateOptions,
} from './options.js';
import { type TransactOperation, transactItem } from './transact.js';

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

  #operation(plan: WritePlan, changes?: Record<string, unknown>): TransactOperation {
    const connection = this.#connection;
    return Object.freeze({
      kind: 'transact-operation',
      model: connection.target.model,
      tableName: connection.target.tableName,
      client: connection.client,
      gate: connection.gate,
      actor: this.#actor,
      plan,
      write: plannedWrite(connection, { ...plan, ...(changes ? { changes } : {}) }),
      request: transactItem(plan),
    });
  }

  /** A put in a transaction. */
  put(item: TableInput<S>, options: PutOptions<S> = {}): TransactOperation {
    return this.#operation(planPut(this.#connection.target, item, toWriteOptions(options)));
  }

  /** An update in a transaction. */
  update(
    key: TableKey<S>,
    actions: TableUpdateActions<S>,
    ...[options]: OptionsArgument<S, UpdateOptions<S>>
  ): TransactOperation {
    const plan = planUpdate(
      this.#connection.target,
      key,
      actions as Record<string, unknown>,
      toWriteOptions(options),
    );
    return this.#operation(plan, actions as Record<string, unknown>);
  }

  /** A delete in a transaction. */
  delete(key: TableKey<S>, ...[options]: OptionsArgument<S, DeleteOptions<S>>): TransactOperation {
    return this.#operation(planDelete(this.#connection.target, key, toWriteOptions(options)));
  }

  /** A condition the transaction requires of an item it does not write. */
  check(key: TableKey<S>, condition: ConditionInput<S['fields']>): TransactOperation {
    return this.#operation(planCheck(this.#connection.target, key, toCondition(condition)!));
  }
}
