import { DynamiteError } from '../errors/dynamite-error.js';
import type { TableLike } from '../model/table-like.js';
import type { Actor } from '../policy/actor.js';
import { checkPolicies, HOW_TO_DECLARE } from '../policy/check.js';
import {
  ALLOWED,
  describeVerdict,
  evaluateRules,
  isThenable,
  type RuleLabel,
  type Verdict,
} from '../policy/evaluate.js';
import { allowSystem, isAlwaysAllow } from '../policy/rules.js';
import type { Rule, WriteOperation } from '../policy/types.js';

/** The operations of a table, as the audit log names them. */
export type TableOperation =
  | 'get'
  | 'put'
  | 'update'
  | 'delete'
  | 'query'
  | 'queryAll'
  | 'scan'
  | 'scanAll'
  | 'batchGet'
  | 'batchWrite'
  | 'transactWrite';

/**
 * One write as the write check sees it, before anything is sent: what it does, to which key,
 * with which new item or changes, and a loader for the current item (a consistent read made
 * only when a check asks for it).
 */
export type PlannedWrite<Item = unknown, Key = unknown> = WriteOperation<
  Item,
  Key,
  Readonly<Record<string, unknown>>
>;

/** What the read check returned: the items that may be seen, and how many were held back. */
export interface RevealResult<Item> {
  readonly items: Item[];
  readonly denied: number;
}

/** A write the write policy refused: its position in the operation list, and why. */
export interface WriteDenial {
  readonly index: number;
  readonly write: PlannedWrite;
  readonly reason: string;
}

/** A system job's use of a table, as the audit logger receives it. */
export interface SystemAccessEvent {
  /** The logical table name. */
  readonly table: string;
  /** The physical table name the request goes to. */
  readonly tableName: string;
  readonly operation: TableOperation;
  /** The job name given to `db.asSystem(name)`. */
  readonly system: string;
}

/** Receives one event per operation a system job makes (before the request is sent). */
export type SystemAccessLogger = (event: SystemAccessEvent) => void;

/**
 * The default system-access logger of a connection: a JSON line on stderr (`console.warn`,
 * which Lambda ships to CloudWatch) the first time each job makes each kind of operation on
 * the table, so that system access is visible without one line per item of a batch job. Pass
 * `logger` to `connect` for an event on every operation (an audit trail).
 */
export function consoleSystemLogger(): SystemAccessLogger {
  const seen = new Set<string>();
  return (event) => {
    const key = `${event.system}\u0000${event.operation}`;
    if (seen.has(key)) return;
    seen.add(key);
    console.warn(
      JSON.stringify({ level: 'warn', message: 'dynamite-orm system access', ...event }),
    );
  };
}

/**
 * The access decisions for one connected table. Every operation is audited, every item an
 * operation returns is judged by the read policy, every planned write by the write policy.
 */
export interface AccessGate {
  /**
   * Called as an operation starts, before anything is sent: logs a system job's operation,
   * and refuses any viewer operation on a table that declares no policies.
   */
  enter(actor: Actor<unknown>, operation: TableOperation): void;
  /** Which items the actor may read, in order; `undefined` when every one may be read. */
  judgeReads(actor: Actor<unknown>, items: readonly unknown[]): Promise<boolean[] | undefined>;
  /** Why the actor may not read the item, or `undefined` when it may. */
  readDenial(actor: Actor<unknown>, item: unknown): Promise<string | undefined>;
  /** Why the write is refused, or `undefined` when it is allowed. */
  checkWrite(actor: Actor<unknown>, write: PlannedWrite): Promise<string | undefined>;
}

/** What a gate needs to know of a table: its name and its policies as configured. */
export type GatedTable = Pick<TableLike, 'name' | 'config'>;

/** Options of {@link createAccessGate}. */
export interface AccessGateOptions {
  /** The physical table name, for the audit log. */
  readonly tableName?: string;
  /** Receives every system operation; default {@link consoleSystemLogger}. */
  readonly logger?: SystemAccessLogger;
}

/**
 * The gate of a table: its policies, checked once at `connect`. A table without policies is
 * open to named system jobs only.
 */
export function createAccessGate(
  definition: GatedTable,
  options: AccessGateOptions = {},
): AccessGate {
  const table = definition.name;
  const tableName = options.tableName ?? table;
  const logger = options.logger ?? consoleSystemLogger();
  const declared = checkPolicies(table, definition.config.policies);
  // A table without policies is for system jobs only: viewers are refused outright in `enter`.
  const { read, write } = declared ?? { read: [allowSystem()], write: [allowSystem()] };
  const readLabel: RuleLabel = (i) => `read rule ${i} of ${table}`;
  const writeLabel: RuleLabel = (i) => `write rule ${i} of ${table}`;
  // `allowAll()` reads are not evaluated per item at all.
  const readsOpen = read.length > 0 && isAlwaysAllow(read[0]);

  const readVerdict = (actor: Actor<unknown>, item: unknown) =>
    evaluateRules(read as readonly Rule<unknown, unknown>[], actor, item, readLabel);

  return Object.freeze({
    enter(actor: Actor<unknown>, operation: TableOperation): void {
      if (actor.kind === 'system') {
        logger({ table, tableName, operation, system: actor.name });
      } else if (declared === undefined) {
        throw new DynamiteError(
          'policy.denied',
          `${operation} on ${table} refused: the table declares no policies, so only system jobs (asSystem) may use it; ${HOW_TO_DECLARE}`,
        );
      }
    },

    async judgeReads(actor: Actor<unknown>, items: readonly unknown[]) {
      if (readsOpen) return undefined;
      const verdicts: (Verdict | Promise<Verdict>)[] = new Array(items.length);
      let pending = false;
      let denied = false;
      for (let i = 0; i < items.length; i++) {
        const verdict = readVerdict(actor, items[i]);
        verdicts[i] = verdict;
        if (typeof verdict !== 'number') pending = true;
        else if (verdict !== ALLOWED) denied = true;
      }
      const settled = pending ? await Promise.all(verdicts) : (verdicts as Verdict[]);
      if (!pending && !denied) return undefined;
      return settled.map((verdict) => verdict === ALLOWED);
    },

    async readDenial(actor: Actor<unknown>, item: unknown) {
      if (readsOpen) return undefined;
      const verdict = await readVerdict(actor, item);
      return verdict === ALLOWED ? undefined : describeVerdict(verdict, read, readLabel);
    },

    async checkWrite(actor: Actor<unknown>, planned: PlannedWrite) {
      const result = evaluateRules(
        write as readonly Rule<unknown, unknown>[],
        actor,
        planned,
        writeLabel,
      );
      const verdict = isThenable(result) ? await result : result;
      return verdict === ALLOWED ? undefined : describeVerdict(verdict, write, writeLabel);
    },
  });
}

/** One write to check, with the gate of its table and the actor it is made for. */
export interface WriteToCheck {
  readonly gate: AccessGate;
  readonly actor: Actor<unknown>;
  readonly write: PlannedWrite;
}

/**
 * Checks every write before any is sent; if any is refused nothing is sent and the error
 * lists every refusal (index in the list, what, where, why). Every write path goes through here.
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
    const single = writes.length === 1;
    throw new DynamiteError(
      'policy.denied',
      single
        ? `${denials[0]!.write.type} on ${denials[0]!.write.table} refused: ${denials[0]!.reason}`
        : `${denials.length} of ${writes.length} writes refused, nothing was written: ${denials.map((d) => `#${d.index} ${d.write.type} on ${d.write.table}: ${d.reason}`).join('; ')}`,
      { denials },
    );
  }
}

/** Lets only permitted items through, counting the others. */
export async function revealItems<Item>(
  gate: AccessGate,
  actor: Actor<unknown>,
  items: Item[],
): Promise<RevealResult<Item>> {
  const visible = await gate.judgeReads(actor, items);
  if (visible === undefined) return { items, denied: 0 };
  const kept = items.filter((_, i) => visible[i]);
  return { items: kept, denied: items.length - kept.length };
}
