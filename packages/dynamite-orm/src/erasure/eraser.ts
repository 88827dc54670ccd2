import type { TableClient } from '../define-table.js';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import {
  type CheckpointHandle,
  type CheckpointTable,
  finishCheckpoint,
  type LedgerEntry,
  ledgerSince,
  loadPlan,
  readCheckpoint,
  supersedeCheckpoint,
} from './checkpoint.js';
import { type EntityErasure, isEntityErasure } from './entity-erasure.js';
import {
  type Connected,
  type ErasureResult,
  type ExecuteErasureOptions,
  executeOver,
  resultOfRecord,
} from './execute.js';
import { entityNode, graphOf, tableNode } from './graph.js';
import { planOver } from './plan.js';
import type { ErasurePlan } from './plan-types.js';
import { type ReapplyOptions, type ReapplyResult, reapplyOver } from './reapply.js';
import { replanKept } from './replan.js';
import { dynamoRowSource, ERASURE_ACTOR } from './source.js';

// biome-ignore lint/suspicious/noExplicitAny: the data tables are of every shape
type AnyTableClient = TableClient<any>;

/** An entity connected to a client (`Entity.connect(client, { tableName })`), as erasure sees it. */
export interface ConnectedEntityLike {
  /** The connection of the entity's table definition. */
  readonly table: AnyTableClient;
}

/** Options of {@link createEraser}. */
export interface EraserOptions {
  /**
   * Every table an erasure may reach, connected (`table.connect(client, { tableName })`), and
   * every entity with an erasure declaration, connected (`Entity.connect(client, ...)`).
   */
  tables: readonly (AnyTableClient | ConnectedEntityLike)[];
  /** The erasure declarations of entities ({@link entityErasure}); each one's entity is in `tables`. */
  entities?: readonly EntityErasure[];
  /** The checkpoint table ({@link erasureCheckpoints}), connected to the same client. */
  checkpoints: CheckpointTable;
  /** The system actor name reads and writes are made as (default `dynamite-erasure`). */
  actor?: string;
}

/** A run that started and has not finished. */
export interface PendingErasure {
  readonly planId: string;
  readonly subjectId: string;
  readonly total: number;
  readonly done: number;
  readonly startedAt: Date | undefined;
  readonly updatedAt: Date | undefined;
}

/** Plans and runs erasures over a set of connected tables. */
export interface Eraser {
  /** Every delete and field removal erasing `subjectId` would make, without writing anything. */
  planErasure(subjectId: string): Promise<ErasurePlan>;
  /** Runs a plan (or resumes it, if a run of it stopped part-way). Idempotent. */
  executeErasure(plan: ErasurePlan, options?: ExecuteErasureOptions): Promise<ErasureResult>;
  /** Resumes a stopped run from the plan stored in the checkpoint table. */
  resumeErasure(planId: string, options?: ExecuteErasureOptions): Promise<ErasureResult>;
  /** Runs that started and have not finished (after a crash, say). */
  pendingErasures(): Promise<PendingErasure[]>;
  /**
   * A plan for the fields a finished run kept because they changed after planning
   * (`finished-with-skips`): each such row read again, its kept fields to remove with the
   * values they hold now. Review it, then execute it like any plan.
   */
  replanSkipped(plan: ErasurePlan | string): Promise<ErasurePlan>;
  /**
   * The erasure ledger: every subject an erasure ran for (at or after `since`), with when it
   * last ran. It holds no other personal data, and never expires.
   */
  erasureLedger(options?: { since?: Date }): Promise<LedgerEntry[]>;
  /**
   * Plans and runs again every erasure that ran at or after `since` (and every unfinished
   * one): after tables are restored from a backup or point-in-time recovery to `since`, the
   * subjects erased after it are back; this erases them again from the data as it is now.
   */
  reapplyErasures(options: ReapplyOptions): Promise<ReapplyResult>;
}

/**
 * The nodes of connected tables and entities. A connected entity is known by its table
 * definition (the connection does not name its entity): its declaration names it.
 */
function connectNodes(
  tables: readonly (AnyTableClient | ConnectedEntityLike)[],
  entities: readonly EntityErasure[],
): Connected[] {
  if (!Array.isArray(entities) || !entities.every(isEntityErasure)) {
    throw new DynamiteError(
      'request.invalid',
      `createEraser: entities must be entityErasure(...) declarations, got ${describeValue(entities)}`,
    );
  }
  const out: Connected[] = [];
  const entityClients = new Map<unknown, AnyTableClient>();
  for (const t of tables) {
    if ('definition' in t) out.push({ node: tableNode(t.definition), client: t });
    else entityClients.set(t.table.definition, t.table);
  }
  for (const declared of entities) {
    const client = entityClients.get(declared.entity.definition);
    if (!client) {
      throw new DynamiteError(
        'request.invalid',
        `createEraser: entity ${declared.entity.name} of ${declared.entity.table.name} has an erasure declaration but no connection; give ${declared.entity.name}.connect(client, { tableName }) in tables`,
      );
    }
    out.push({ node: entityNode(declared.entity, declared.decision), client });
  }
  return out;
}

/**
 * Binds erasure to connected tables and a checkpoint table. Every read and write is made as
 * the system actor `dynamite-erasure` (or `actor`).
 *
 * @example
 * const eraser = createEraser({
 *   tables: [users, rooms, topics, follows, messages].map((t) => t.connect(client)),
 *   checkpoints: erasureCheckpoints.connect(client),
 * });
 * const plan = await eraser.planErasure('u1');
 * const result = await eraser.executeErasure(plan); // { status: 'finished', done: plan.steps.length, ... }
 */
export function createEraser(options: EraserOptions): Eraser {
  const { tables, checkpoints } = options ?? ({} as EraserOptions);
  const connectedTable = (t: unknown) =>
    typeof (t as AnyTableClient)?.asSystem === 'function' &&
    ('definition' in (t as object) ||
      typeof (t as ConnectedEntityLike).table?.asSystem === 'function');
  if (!Array.isArray(tables) || !tables.every(connectedTable)) {
    throw new DynamiteError(
      'request.invalid',
      `createEraser needs tables connected with table.connect(client), got ${describeValue(tables)}`,
    );
  }
  if (typeof checkpoints?.asSystem !== 'function') {
    throw new DynamiteError(
      'request.invalid',
      'createEraser needs checkpoints: erasureCheckpoints.connect(client, { tableName })',
    );
  }
  const actor = options.actor ?? ERASURE_ACTOR;
  const connected = connectNodes(tables, options.entities ?? []);
  const graph = graphOf(connected.map((c) => c.node));
  if (graph.dangling.length > 0) {
    const d = graph.dangling[0]!;
    throw new DynamiteError(
      'request.invalid',
      `${d.child} cascades from ${d.parent}, which is not among the tables given; give every table, and every entity with its entityErasure(...) (verifyErasure checks the set)`,
    );
  }
  const connections = new Map<string, Connected>(connected.map((c) => [c.node.name, c]));
  const clients = new Map([...connections].map(([name, c]) => [name, c.client]));
  const source = dynamoRowSource(clients, actor);
  const cp: CheckpointHandle = checkpoints.asSystem(actor);
  const planErasure = (subjectId: string) => planOver(graph, source, subjectId);
  const executeErasure = (plan: ErasurePlan, runOptions?: ExecuteErasureOptions) =>
    executeOver(connections, cp, actor, plan, runOptions);

  const eraser: Eraser = Object.freeze({
    planErasure,
    executeErasure,
    async resumeErasure(planId: string, runOptions?: ExecuteErasureOptions) {
      const record = await readCheckpoint(cp, planId);
      if (!record) {
        throw new DynamiteError(
          'request.invalid',
          `no erasure run with plan id ${describeValue(planId)}`,
        );
      }
      if (record.status === 'finished' || (record.done ?? 0) >= (record.total ?? 0)) {
        // Nothing left to write: the stored plan is not needed (and may be deleted already).
        if (record.status !== 'finished') {
          await finishCheckpoint(cp, record, runOptions?.retentionDays ?? 30);
        }
        return resultOfRecord(record, 'finished', record.done ?? 0, 0);
      }
      return executeOver(connections, cp, actor, await loadPlan(cp, record), runOptions);
    },
    async pendingErasures() {
      const out: PendingErasure[] = [];
      for await (const item of cp.scanAll({
        filter: (c) => c.and(c.eq('part', 0), c.eq('status', 'running')),
        consistentRead: true,
      })) {
        out.push({
          planId: item.planId,
          subjectId: item.subjectId ?? '',
          total: item.total ?? 0,
          done: item.done ?? 0,
          startedAt: item.startedAt,
          updatedAt: item.updatedAt,
        });
      }
      return out.sort((a, b) => (a.planId < b.planId ? -1 : 1));
    },
    async replanSkipped(planOrId: ErasurePlan | string) {
      const id = typeof planOrId === 'string' ? planOrId : planOrId?.id;
      const record = typeof id === 'string' ? await readCheckpoint(cp, id) : undefined;
      if (!record) {
        throw new DynamiteError(
          'request.invalid',
          `no erasure run with plan id ${describeValue(id)}; replanSkipped takes a plan that was executed, or its id`,
        );
      }
      const plan = typeof planOrId === 'string' ? await loadPlan(cp, record) : planOrId;
      const { skipped } = resultOfRecord(record, 'finished', 0, 0, plan);
      return replanKept(connections, actor, plan, skipped);
    },
    erasureLedger: (options?: { since?: Date }) => ledgerSince(cp, options?.since),
    reapplyErasures: (options: ReapplyOptions) =>
      reapplyOver(
        {
          ledger: (since) => ledgerSince(cp, since),
          eraser,
          supersede: (planId, by) =>
            supersedeCheckpoint(cp, planId, by, options?.execute?.retentionDays ?? 30),
        },
        options,
      ),
  });
  return eraser;
}
