import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { authorizeWrites, type TableOperation } from '../access/gate.js';
import type { TableShape } from '../model/table-shape.js';
import type { Actor } from '../policy/actor.js';
import { findIndex } from '../requests/read.js';
import type { ReadValidation } from '../schema/item-schema.js';
import { type Connection, decodeStored, type TrackedWrite } from './connection.js';
import { type Enforcement, enforcementOf } from './enforce.js';

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

/**
 * Decodes stored items (of the table, or projected by `index`; `projected` when the request
 * fetched some fields only).
 */
export function decodeAll(
  caller: Caller<TableShape>,
  raws: readonly Record<string, AttributeValue>[],
  validation: ReadValidation | undefined,
  index?: string,
  projected = false,
): Record<string, unknown>[] {
  const { connection } = caller;
  const model = findIndex(connection.target.model, index);
  return raws.map((raw) => decodeStored(connection, raw, validation, model, projected));
}

/** What the read check let through: the items the actor may see, and how many it is told of. */
export interface Revealed<Item> {
  readonly items: Item[];
  /** Items withheld, as the actor is told: 0 when the table conceals denied reads. */
  readonly denied: number;
  /** Whether each decoded item may be seen; `undefined` when all may. */
  readonly visible: boolean[] | undefined;
}

/**
 * Keeps the items the read policy lets the actor see. Withheld items are reported to the
 * connection's `onDeniedRead`; where the table conceals denials they are not counted either.
 */
export async function revealDecoded<Item>(
  caller: Caller<TableShape>,
  operation: TableOperation,
  decoded: Item[],
): Promise<Revealed<Item>> {
  const { gate } = caller.connection;
  const visible = await gate.judgeReads(caller.actor, decoded);
  if (visible === undefined) return { items: decoded, denied: 0, visible };
  const items: Item[] = [];
  const withheld: Item[] = [];
  for (let i = 0; i < decoded.length; i++) (visible[i] ? items : withheld).push(decoded[i]!);
  gate.reportDenied(caller.actor, operation, withheld);
  return {
    items,
    denied: gate.conceals(caller.actor) ? 0 : withheld.length,
    visible,
  };
}

/** Decodes items and keeps those the read policy lets the actor see. */
export function reveal(
  caller: Caller<TableShape>,
  operation: TableOperation,
  raws: readonly Record<string, AttributeValue>[],
  validation: ReadValidation | undefined,
  index?: string,
  projected = false,
): Promise<Revealed<never>> {
  const decoded = decodeAll(caller, raws, validation, index, projected) as never[];
  return revealDecoded(caller, operation, decoded);
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

/**
 * Checks every planned write against the write policy before any is sent; returns, per write,
 * what DynamoDB must enforce when it makes it (the policy's condition, the pins of `current()`).
 */
export async function authorize(
  caller: Caller<TableShape>,
  writes: readonly TrackedWrite[],
): Promise<Enforcement[]> {
  const { connection, actor } = caller;
  const { gate } = connection;
  const checks = await authorizeWrites(writes.map(({ write }) => ({ gate, actor, write })));
  return Promise.all(checks.map((check, i) => enforcementOf(check, writes[i]!)));
}
