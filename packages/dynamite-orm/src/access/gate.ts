import { DynamiteError } from '../errors/dynamite-error.js';
import type { Condition } from '../expressions/condition.js';
import type { Actor } from './actor.js';

/** The read operations whose results pass the read check. */
export type ReadOperation = 'get' | 'query' | 'scan' | 'batchGet' | 'put' | 'update' | 'delete';

/**
 * One write as the write check sees it, before anything is sent: what it does, to which key,
 * with which new item or changes, and a loader for the current item (a consistent read made
 * only when a check asks for it).
 */
export type PlannedWrite<Item = unknown, Key = unknown> = (
  | { readonly type: 'put'; readonly item: Item }
  | { readonly type: 'update'; readonly changes: Readonly<Record<string, unknown>> }
  | { readonly type: 'delete' }
  | { readonly type: 'check' }
) & {
  /** The logical table name. */
  readonly table: string;
  readonly key: Key;
  /** The operation's condition, including the ones added for create-only and versions. */
  readonly condition: Condition | undefined;
  /** Reads the current item (consistent), once per planned write. */
  readonly current: () => Promise<Item | undefined>;
};

/** What the read check returned: the items that may be seen, and how many were held back. */
export interface RevealResult<Item> {
  readonly items: Item[];
  readonly denied: number;
}

/** A write the check refused, and why. */
export interface WriteDenial {
  readonly index: number;
  readonly write: PlannedWrite;
  readonly reason: string;
}

/**
 * The access decisions for one table. Every read result and every planned write of a
 * connected table passes here; this package's gate allows everything.
 */
export interface AccessGate {
  revealItems<Item>(
    actor: Actor<unknown>,
    operation: ReadOperation,
    items: Item[],
  ): Promise<RevealResult<Item>>;
  /** `undefined` allows the write; a string is the reason it is refused. */
  checkWrite(actor: Actor<unknown>, write: PlannedWrite): Promise<string | undefined>;
}

const allowAll: AccessGate = Object.freeze({
  revealItems: async <Item>(_actor: Actor<unknown>, _operation: ReadOperation, items: Item[]) => ({
    items,
    denied: 0,
  }),
  checkWrite: async () => undefined,
});

/** The gate for a table definition. Without policies every viewer may read and write. */
export function createAccessGate(_definition: unknown): AccessGate {
  return allowAll;
}

/** One write to check, with the gate of its table and the actor it is made for. */
export interface WriteToCheck {
  readonly gate: AccessGate;
  readonly actor: Actor<unknown>;
  readonly write: PlannedWrite;
}

/**
 * Checks every write before any is sent; if any is refused nothing is sent and the error
 * lists every refusal. The single write path of every operation goes through here.
 */
export async function authorizeWrites(writes: readonly WriteToCheck[]): Promise<void> {
  const reasons = await Promise.all(
    writes.map(({ gate, actor, write }) => gate.checkWrite(actor, write)),
  );
  const denials: WriteDenial[] = [];
  reasons.forEach((reason, index) => {
    if (reason !== undefined) denials.push({ index, write: writes[index]!.write, reason });
  });
  if (denials.length > 0) {
    throw new DynamiteError(
      'policy.denied',
      `${denials.length} of ${writes.length} writes refused: ${denials.map((d) => `#${d.index} ${d.write.type} on ${d.write.table}: ${d.reason}`).join('; ')}`,
      { denials },
    );
  }
}

/** Lets only permitted items through; every item an operation returns goes through here. */
export function revealItems<Item>(
  gate: AccessGate,
  actor: Actor<unknown>,
  operation: ReadOperation,
  items: Item[],
): Promise<RevealResult<Item>> {
  return gate.revealItems(actor, operation, items);
}
