// Single writes through the write policy: plan (requests/write.ts), check, add what the check
// requires of the stored item to the write's condition, send. What a write brings back goes
// through the read policy.
import {
  type AttributeValue,
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { writesRefused } from '../access/gate.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { Condition } from '../expressions/condition.js';
import type { TableInput, TableItem, TableKey, TableShape } from '../model/table-shape.js';
import { planDelete, planPut, planUpdate, type WritePlan } from '../requests/write.js';
import type { ReadValidation } from '../schema/item-schema.js';
import { authorize, type Caller, decodeAll, enter, mayReadAfterWrite } from './caller.js';
import { plannedWrite, type TrackedWrite } from './connection.js';
import { toWriteOptions } from './convert.js';
import { addedCondition, type Enforcement, policyFailure } from './enforce.js';
import type {
  DeleteOptions,
  DeleteResult,
  PutOptions,
  PutResult,
  TableUpdateActions,
  UpdateOptions,
  UpdateResult,
} from './options.js';
import { conditionFailure, decodeCurrent, isConditionalCheckFailed } from './write-errors.js';

/** A failed write's error without the stored item when the read policy denies it. */
async function withheldFromError(
  caller: Caller<TableShape>,
  error: DynamiteError,
): Promise<DynamiteError> {
  if (error.code !== 'condition.failed' && error.code !== 'version.conflict') return error;
  if (error.item === undefined || (await mayReadAfterWrite(caller, error.item))) return error;
  const message = `${error.message} (the stored item is withheld: the read policy denies it)`;
  return error.code === 'version.conflict'
    ? new DynamiteError('version.conflict', message, {
        cause: error.cause,
        expected: error.expected,
        received: error.received,
      })
    : new DynamiteError('condition.failed', message, { cause: error.cause });
}

/** One write, checked: what was planned, what the rules saw, and what DynamoDB must enforce. */
interface Checked {
  readonly plan: WritePlan;
  readonly tracked: TrackedWrite;
  readonly enforcement: Enforcement;
}

/**
 * Checks a write and returns the plan to send: the planned one, or, when the check requires
 * something of the stored item, the same write planned again with that condition added.
 */
async function check(
  caller: Caller<TableShape>,
  operation: 'put' | 'update' | 'delete',
  plan: WritePlan,
  replan: (policy: Condition) => WritePlan,
): Promise<Checked> {
  // An update's plan carries its changes as sent, which the policy sees.
  const tracked = plannedWrite(caller.connection, plan);
  enter(caller, operation);
  const [enforcement] = await authorize(caller, [tracked]);
  const added = addedCondition(enforcement!);
  return { plan: added ? replan(added) : plan, tracked, enforcement: enforcement! };
}

/** Sends a checked write; a failed condition becomes the error that says why it failed. */
async function sendWrite<T>(
  caller: Caller<TableShape>,
  checked: Checked,
  operation: string,
  send: (plan: WritePlan) => Promise<T>,
): Promise<T> {
  const { plan, tracked, enforcement } = checked;
  try {
    return await send(plan);
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const { model } = caller.connection.target;
    const failure = policyFailure(model, enforcement, error.Item, tracked.write, 0);
    if (failure?.kind === 'denied') throw writesRefused([failure.denial], 1);
    if (failure?.kind === 'changed') {
      throw await withheldFromError(
        caller,
        new DynamiteError(
          'condition.failed',
          `${operation} on ${model.name}: the stored item changed while the write policy read it; nothing was written (try again)`,
          { cause: error, item: decodeCurrent(model, error.Item) },
        ),
      );
    }
    const failed = conditionFailure(model, operation, plan.expectation, error.Item, error);
    throw await withheldFromError(caller, failed);
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
  // One time for the write, so a write planned again after the policy check stores the same.
  const opts = { ...toWriteOptions(options), now: new Date() };
  const plan = planPut(connection.target, item, opts);
  const checked = await check(caller, 'put', plan, (policy) =>
    planPut(connection.target, item, { ...opts, policy }),
  );
  await sendWrite(caller, checked, 'put', (p) =>
    connection.send(new PutItemCommand(p.input as PutItemCommand['input'])),
  );
  return { item: (checked.tracked.write as { item: TableItem<S> }).item };
}

/** `update`: changes attributes and returns the new item, or `withheld`. */
export async function updateItem<S extends TableShape>(
  caller: Caller<S>,
  key: TableKey<S>,
  actions: TableUpdateActions<S>,
  options: UpdateOptions<S> | undefined,
): Promise<UpdateResult<S>> {
  const { connection } = caller;
  const opts = { ...toWriteOptions(options), now: new Date() };
  const plan = planUpdate(connection.target, key, actions as Record<string, unknown>, opts);
  const checked = await check(caller, 'update', plan, (policy) =>
    planUpdate(connection.target, key, actions as Record<string, unknown>, { ...opts, policy }),
  );
  const out = await sendWrite(caller, checked, 'update', (p) =>
    connection.send(new UpdateItemCommand(p.input as UpdateItemCommand['input'])),
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
  const opts = toWriteOptions(options);
  const plan = planDelete(connection.target, key, opts);
  const checked = await check(caller, 'delete', plan, (policy) =>
    planDelete(connection.target, key, { ...opts, policy }),
  );
  const out = await sendWrite(caller, checked, 'delete', (p) =>
    connection.send(new DeleteItemCommand(p.input as DeleteItemCommand['input'])),
  );
  return returned(caller, out.Attributes, options?.validation);
}
