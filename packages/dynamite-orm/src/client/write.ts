// Single writes through the write policy: plan (requests/write.ts), check, send. What a write
// brings back goes through the read policy.
import {
  type AttributeValue,
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { TableInput, TableItem, TableKey, TableShape } from '../model/table-shape.js';
import { planDelete, planPut, planUpdate, type WritePlan } from '../requests/write.js';
import type { ReadValidation } from '../schema/item-schema.js';
import { authorize, type Caller, decodeAll, enter, mayReadAfterWrite } from './caller.js';
import { plannedWrite } from './connection.js';
import { toWriteOptions } from './convert.js';
import type {
  DeleteOptions,
  DeleteResult,
  PutOptions,
  PutResult,
  TableUpdateActions,
  UpdateOptions,
  UpdateResult,
} from './options.js';
import { conditionFailure, isConditionalCheckFailed } from './write-errors.js';

/** A failed write's error without the stored item when the read policy denies it. */
async function withheldFromError(
  caller: Caller<TableShape>,
  error: DynamiteError,
): Promise<DynamiteError> {
  if (error.item === undefined || (await mayReadAfterWrite(caller, error.item))) return error;
  return new DynamiteError(
    error.code,
    `${error.message} (the stored item is withheld: the read policy denies it)`,
    {
      cause: error.cause,
      ...(error.expected !== undefined ? { expected: error.expected } : {}),
    },
  );
}

/** Sends a planned write; a failed condition becomes `condition.failed` or `version.conflict`. */
async function sendWrite<T>(
  caller: Caller<TableShape>,
  plan: WritePlan,
  operation: string,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (isConditionalCheckFailed(error)) {
      const failure = conditionFailure(
        caller.connection.target.model,
        operation,
        plan.expectation,
        error.Item,
        error,
      );
      throw await withheldFromError(caller, failure);
    }
    throw error;
  }
}

/** The item a write returned (ReturnValues), or `withheld` when the read policy denies it. */
async function returned(
  caller: Caller<TableShape>,
  raw: Record<string, AttributeValue> | undefined,
  validation: ReadValidation | undefined,
): Promise<{ item: never; withheld: false } | { item: undefined; withheld: true }> {
  if (!raw || Object.keys(raw).length === 0) return { item: undefined as never, withheld: false };
  const [item] = decodeAll(caller, [raw], validation);
  if (!(await mayReadAfterWrite(caller, item))) return { item: undefined, withheld: true };
  return { item: item as never, withheld: false };
}

/** `put`: writes a whole item and returns what was written (nothing is read back). */
export async function putItem<S extends TableShape>(
  caller: Caller<S>,
  item: TableInput<S>,
  options: PutOptions<S>,
): Promise<PutResult<S>> {
  const { connection } = caller;
  const plan = planPut(connection.target, item, toWriteOptions(options));
  const write = plannedWrite(connection, plan);
  enter(caller, 'put');
  await authorize(caller, [write]);
  await sendWrite(caller, plan, 'put', () =>
    connection.client.send(new PutItemCommand(plan.input)),
  );
  return { item: (write as { item: TableItem<S> }).item };
}

/** `update`: changes attributes and returns the new item, or `withheld`. */
export async function updateItem<S extends TableShape>(
  caller: Caller<S>,
  key: TableKey<S>,
  actions: TableUpdateActions<S>,
  options: UpdateOptions<S> | undefined,
): Promise<UpdateResult<S>> {
  const { connection } = caller;
  const changes = actions as Record<string, unknown>;
  const plan = planUpdate(connection.target, key, changes, toWriteOptions(options));
  enter(caller, 'update');
  await authorize(caller, [plannedWrite(connection, { ...plan, changes })]);
  const out = await sendWrite(caller, plan, 'update', () =>
    connection.client.send(new UpdateItemCommand(plan.input)),
  );
  return returned(caller, out.Attributes, options?.validation);
}

/** `delete`: deletes an item and returns it, or `withheld`. */
export async function deleteItem<S extends TableShape>(
  caller: Caller<S>,
  key: TableKey<S>,
  options: DeleteOptions<S> | undefined,
): Promise<DeleteResult<S>> {
  const { connection } = caller;
  const plan = planDelete(connection.target, key, toWriteOptions(options));
  enter(caller, 'delete');
  await authorize(caller, [plannedWrite(connection, plan)]);
  const out = await sendWrite(caller, plan, 'delete', () =>
    connection.client.send(new DeleteItemCommand(plan.input)),
  );
  return returned(caller, out.Attributes, options?.validation);
}
