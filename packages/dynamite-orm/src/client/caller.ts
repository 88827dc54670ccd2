import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  authorizeWrites,
  type PlannedWrite,
  type RevealResult,
  revealItems,
  type TableOperation,
} from '../access/gate.js';
import type { TableShape } from '../model/table-shape.js';
import type { Actor } from '../policy/actor.js';
import { findIndex } from '../requests/read.js';
import type { ReadValidation } from '../schema/item-schema.js';
import { type Connection, decodeStored } from './connection.js';

/**
 * Who an operation is made for, and through which connection: what every operation of a
 * `ViewerTable` (read, write, batch) is given. Shared read-only by every call.
 */
export interface Caller<S extends TableShape> {
  readonly connection: Connection<S>;
  readonly actor: Actor<S['viewer']>;
}

/**
 * Every operation starts here, before anything is sent: a system job's operation is logged,
 * a viewer's is refused if the table declares no policies.
 */
export function enter(caller: Caller<TableShape>, operation: TableOperation): void {
  caller.connection.gate.enter(caller.actor, operation);
}

// ---- the single read path: decode, then reveal ----------------------------------------------

/** Decodes stored items (of the table, or projected by `index`). */
export function decodeAll(
  caller: Caller<TableShape>,
  raws: readonly Record<string, AttributeValue>[],
  validation: ReadValidation | undefined,
  index?: string,
): Record<string, unknown>[] {
  const { connection } = caller;
  const model = findIndex(connection.target.model, index);
  return raws.map((raw) => decodeStored(connection, raw, validation, model));
}

/** Decodes items and keeps those the read policy lets the actor see. */
export function reveal(
  caller: Caller<TableShape>,
  raws: readonly Record<string, AttributeValue>[],
  validation: ReadValidation | undefined,
  index?: string,
): Promise<RevealResult<never>> {
  const decoded = decodeAll(caller, raws, validation, index) as never[];
  return revealItems(caller.connection.gate, caller.actor, decoded);
}

/** The reason the read policy denies an item to the actor, if it does. */
export function readDenial(caller: Caller<TableShape>, item: unknown): Promise<string | undefined> {
  return caller.connection.gate.readDenial(caller.actor, item);
}

/**
 * Whether the actor may read an item a write brought back. The write has happened by then,
 * so nothing may throw: a read rule that fails counts as a denial (the item is withheld).
 */
export async function mayReadAfterWrite(
  caller: Caller<TableShape>,
  item: unknown,
): Promise<boolean> {
  try {
    return (await readDenial(caller, item)) === undefined;
  } catch {
    return false;
  }
}

// ---- the single write path: plan, check, send -----------------------------------------------

/** Checks every planned write against the write policy before any is sent. */
export async function authorize(
  caller: Caller<TableShape>,
  writes: readonly PlannedWrite[],
): Promise<void> {
  const { connection, actor } = caller;
  const { gate } = connection;
  await authorizeWrites(writes.map((write) => ({ gate, actor, write })));
}
