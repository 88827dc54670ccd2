import { DynamiteError, type PolicyDenial } from '../errors/dynamite-error.js';
import { anyOf } from '../expressions/compile-condition.js';
import type { Condition } from '../expressions/condition.js';
import { conditionHolds, decodedLookup } from '../expressions/evaluate-condition.js';
import type { TableLike } from '../model/table-like.js';
import type { TableModel } from '../model/table-model.js';
import type { Actor } from '../policy/actor.js';
import { checkPolicies, HOW_TO_DECLARE } from '../policy/check.js';
import {
  ALLOWED,
  describeVerdict,
  evaluateRules,
  evaluateWriteRules,
  type RuleLabel,
  type SettleConditional,
  type Verdict,
} from '../policy/evaluate.js';
import { allowSystem, isAlwaysAllow, offerOf } from '../policy/rules.js';
import type { Rule, WriteOperation } from '../policy/types.js';
import type { AnyAttribute } from '../schema/attribute.js';

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
export interface WriteDenial extends PolicyDenial {
  readonly write: PlannedWrite;
}

/**
 * What the write check says of one write: refused (`denial`), or allowed, perhaps only where
 * DynamoDB finds `condition` true for the stored item when it writes (else refused for
 * `refusal`).
 */
export interface WriteCheck {
  readonly denial?: string;
  readonly condition?: Condition;
  readonly refusal?: string;
}

/** Reads a viewer was refused, reported once per operation (or per page). */
export interface DeniedReadEvent {
  /** The logical table name. */
  readonly table: string;
  /** The physical table name. */
  readonly tableName: string;
  readonly operation: TableOperation;
  /** How many items were withheld. */
  readonly denied: number;
  /** The keys of the withheld items, by field name. */
  readonly keys: readonly Readonly<Record<string, unknown>>[];
  /** True when the viewer was shown nothing (the table conceals denied reads). */
  readonly concealed: boolean;
}

/** Receives denied reads of viewers; see `onDeniedRead` in `connect`. */
export type DeniedReadLogger = (event: DeniedReadEvent) => void;

/**
 * The default logger of denied reads: a JSON line on stderr for each operation whose denials
 * the viewer was not told of (concealed ones), without the keys, which may be personal data.
 */
export function consoleDeniedReadLogger(): DeniedReadLogger {
  return (event) => {
    if (!event.concealed) return;
    const { keys: _, ...rest } = event;
    console.warn(JSON.stringify({ level: 'warn', message: 'dynamite-orm read denied', ...rest }));
  };
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
  /** Whether the write is refused, allowed, or allowed on a condition on the stored item. */
  checkWrite(actor: Actor<unknown>, write: PlannedWrite): Promise<WriteCheck>;
  /**
   * A condition every item the read policy can allow the actor satisfies (the ORed offers of
   * its rules), to push into queries and scans; `undefined` when the policy cannot say.
   */
  readPredicate(actor: Actor<unknown>): Condition | undefined;
  /** Whether a denied read looks like a missing item to this actor (viewers, on such tables). */
  conceals(actor: Actor<unknown>): boolean;
  /** Reports items withheld from a viewer (to the connection's `onDeniedRead`). */
  reportDenied(actor: Actor<unknown>, operation: TableOperation, items: readonly unknown[]): void;
}

/** What a gate needs to know of a table: its name, model and configuration as given. */
export type GatedTable = Pick<TableLike, 'name' | 'config' | 'model'>;

/** Options of {@link createAccessGate}. */
export interface AccessGateOptions {
  /** The physical table name, for the audit log. */
  readonly tableName?: string;
  /** Receives every system operation; default {@link consoleSystemLogger}. */
  readonly logger?: SystemAccessLogger;
  /** Receives viewers' denied reads; default {@link consoleDeniedReadLogger}. */
  readonly onDeniedRead?: DeniedReadLogger;
}

function personal(attribute: AnyAttribute): boolean {
  const category = attribute.metadata.personalData;
  if (typeof category === 'string' && category.trim() !== '') return true;
  const fields = attribute.fields as Record<string, AnyAttribute> | undefined;
  if (fields && Object.values(fields).some(personal)) return true;
  return attribute.element !== undefined && personal(attribute.element);
}

/** True when any attribute of the table (nested ones too) is marked as personal data. */
export function holdsPersonalData(model: TableModel): boolean {
  return model.codec.fields.some((field) => personal(field.attribute));
}

/**
 * Whether a table conceals denied reads: its `concealDenied` setting, by default on for a
 * table with personal data (a denial would tell the viewer that the person's item exists).
 */
export function concealsDenied(definition: GatedTable): boolean {
  const setting = definition.config.concealDenied;
  return setting ?? holdsPersonalData(definition.model);
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
  const { model } = definition;
  const tableName = options.tableName ?? table;
  const logger = options.logger ?? consoleSystemLogger();
  const onDeniedRead = options.onDeniedRead ?? consoleDeniedReadLogger();
  const declared = checkPolicies(table, definition.config.policies);
  const conceal = concealsDenied(definition);
  // A table without policies is for system jobs only: viewers are refused outright in `enter`.
  const { read, write } = declared ?? { read: [allowSystem()], write: [allowSystem()] };
  const readLabel: RuleLabel = (i) => `read rule ${i} of ${table}`;
  const writeLabel: RuleLabel = (i) => `write rule ${i} of ${table}`;
  // `allowAll()` reads are not evaluated per item at all.
  const readsOpen = read.length > 0 && isAlwaysAllow(read[0]);
  // A conditional answer on a read is settled on the item read.
  const settle: SettleConditional<unknown> = (decision, item) =>
    conditionHolds(model, decision.allowIf, decodedLookup(item as Record<string, unknown>))
      ? 'allow'
      : decision.otherwise;

  const readVerdict = (actor: Actor<unknown>, item: unknown) =>
    evaluateRules(read as readonly Rule<unknown, unknown>[], actor, item, readLabel, settle);

  const keyOf = (item: unknown): Record<string, unknown> => {
    const record = (item ?? {}) as Record<string, unknown>;
    const key: Record<string, unknown> = {};
    for (const field of [model.partitionKey, model.sortKey]) {
      if (field) key[field.name] = record[field.name];
    }
    return key;
  };

  return Object.freeze({
    enter(actor: Actor<unknown>, operation: TableOperation): void {
      if (actor.kind === 'system') {
        logger({ table, tableName, operation, system: actor.name });
      } else if (declared === undefined) {
        throw new DynamiteError(
          'policy.denied',
          `${operation} on ${table} refused: the table declares no policies, so only system jobs (asSystem) may use it; ${HOW_TO_DECLARE}`,
          { denials: [{ index: 0, table, operation, reason: 'the table declares no policies' }] },
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

    async checkWrite(actor: Actor<unknown>, planned: PlannedWrite): Promise<WriteCheck> {
      const { verdict, condition } = await evaluateWriteRules(
        write as readonly Rule<unknown, unknown>[],
        actor,
        planned,
        writeLabel,
      );
      if (verdict === ALLOWED) return {};
      const reason = describeVerdict(verdict, write, writeLabel);
      return condition ? { condition, refusal: reason } : { denial: reason };
    },

    readPredicate(actor: Actor<unknown>): Condition | undefined {
      // System jobs read what they ask for and are told what they are denied: an erasure
      // planner must learn of rows it may not see, not miss them in a filter.
      if (readsOpen || actor.kind === 'system') return undefined;
      const offers = read.map((rule) => offerOf(rule as Rule<unknown, unknown>, actor));
      if (offers.includes('all')) return undefined;
      return anyOf(offers.filter((o): o is Condition => o !== 'none'));
    },

    conceals(actor: Actor<unknown>): boolean {
      return conceal && actor.kind === 'viewer';
    },

    reportDenied(actor: Actor<unknown>, operation: TableOperation, items: readonly unknown[]) {
      if (actor.kind !== 'viewer' || items.length === 0) return;
      onDeniedRead({
        table,
        tableName,
        operation,
        denied: items.length,
        keys: items.map(keyOf),
        concealed: conceal,
      });
    },
  });
}

/** One write to check, with the gate of its table and the actor it is made for. */
export interface WriteToCheck {
  readonly gate: AccessGate;
  readonly actor: Actor<unknown>;
  readonly write: PlannedWrite;
}

/** A refused write's denial, as the error lists it. */
function denialOf(index: number, write: PlannedWrite, reason: string): WriteDenial {
  return { index, table: write.table, operation: write.type, reason, write };
}

/** The `policy.denied` error for refused writes of a list of `total`. */
export function writesRefused(denials: readonly WriteDenial[], total: number): DynamiteError {
  const first = denials[0]!;
  return new DynamiteError(
    'policy.denied',
    total === 1
      ? `${first.write.type} on ${first.write.table} refused: ${first.reason}`
      : `${denials.length} of ${total} writes refused, nothing was written: ${denials.map((d) => `#${d.index} ${d.write.type} on ${d.write.table}: ${d.reason}`).join('; ')}`,
    { denials },
  );
}

/**
 * Checks every write before any is sent; if any is refused nothing is sent and the error
 * lists every refusal (index in the list, what, where, why). Every write path goes through
 * here. What it returns, per write, is the condition (if any) DynamoDB must find true when it
 * makes the write, so that what was checked is what is enforced.
 */
export async function authorizeWrites(writes: readonly WriteToCheck[]): Promise<WriteCheck[]> {
  const checks = await Promise.all(
    writes.map(({ gate, actor, write }) => gate.checkWrite(actor, write)),
  );
  const denials: WriteDenial[] = [];
  checks.forEach((check, index) => {
    if (check.denial !== undefined) {
      denials.push(denialOf(index, writes[index]!.write, check.denial));
    }
  });
  if (denials.length > 0) throw writesRefused(denials, writes.length);
  return checks;
}

/** The denial of a write whose policy condition DynamoDB found false. */
export function conditionDenial(index: number, write: PlannedWrite, refusal: string): WriteDenial {
  return denialOf(index, write, `${refusal}, for the item stored when the write was made`);
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
