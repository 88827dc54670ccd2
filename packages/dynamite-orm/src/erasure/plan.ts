import { randomUUID } from 'node:crypto';
import type { AnyErasureEdge } from '../erasure-policy/decision.js';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { describeNode, type ErasureGraph, type ErasureNode } from './graph.js';
import { planId } from './plan-codec.js';
import {
  type DeleteStep,
  type ErasureHop,
  type ErasurePlan,
  type ErasureStep,
  PLAN_FORMAT,
  type PlanKey,
  type RemoveStep,
} from './plan-types.js';
import { planKeyOf, rowIdOf, rowItem } from './rows.js';

/**
 * Where the walk reads rows: full items found by a key query on a table or one of its indexes
 * (for an entity, a query by its key fields, returning its own items only).
 */
export interface RowSource {
  query(
    node: ErasureNode,
    index: string | undefined,
    key: unknown,
  ): Promise<Record<string, unknown>[]>;
}

interface Row {
  readonly node: ErasureNode;
  readonly item: Record<string, unknown>;
  readonly key: PlanKey;
  readonly id: string;
  readonly path: readonly ErasureHop[];
}

/** The value at a dotted path of an item. */
export function valueAt(item: Record<string, unknown>, path: string): unknown {
  let value: unknown = item;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function buildKey(what: string, build: () => unknown): unknown {
  try {
    return build();
  } catch (error) {
    throw new DynamiteError('request.invalid', `${what}: the key function threw`, {
      cause: error,
    });
  }
}

/** Rows found by one query, with stable keys and ids, sorted so the walk is deterministic. */
async function find(
  source: RowSource,
  node: ErasureNode,
  index: string | undefined,
  key: unknown,
): Promise<{ item: Record<string, unknown>; key: PlanKey; id: string }[]> {
  const items = await source.query(node, index, key);
  const rows = items.map((stored) => {
    const item = rowItem(node, stored);
    const k = planKeyOf(node, item);
    return { item, key: k, id: rowIdOf(node, k) };
  });
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows;
}

function hop(
  node: ErasureNode,
  key: PlanKey,
  via: ErasureHop['via'],
  index: string | undefined,
  edge?: number,
): ErasureHop {
  return {
    table: node.table,
    ...entityOf(node),
    key,
    via,
    ...(index !== undefined ? { index } : {}),
    ...(edge !== undefined ? { edge } : {}),
  };
}

function entityOf(node: ErasureNode): { entity?: string } {
  return node.entity ? { entity: node.entity.name } : {};
}

/**
 * Walks the declared graph from the subject's rows, breadth first, and returns the plan. A row
 * is visited once (by table and key), so cycles end; only rows a declared edge finds are
 * reached. A row that is both deleted and disassociated is deleted: removing fields from a row
 * that goes is moot, so that removal is left out.
 */
export async function planOver(
  graph: ErasureGraph,
  source: RowSource,
  subjectId: string,
): Promise<ErasurePlan> {
  if (typeof subjectId !== 'string' || subjectId === '') {
    throw new DynamiteError(
      'request.invalid',
      `planErasure needs a non-empty subject id string, got ${describeValue(subjectId)}`,
    );
  }
  const visited = new Set<string>();
  const deleted: Row[] = [];
  const removals = new Map<string, RemoveStep>();
  const queue: Row[] = [];
  const reach = (row: Row) => {
    visited.add(row.id);
    deleted.push(row);
    queue.push(row);
  };

  for (const name of graph.subjects) {
    const node = graph.nodes.get(name)!;
    const decision = node.decision as {
      kind: 'subject';
      index?: string;
      key: (id: string) => unknown;
    };
    const key = buildKey(`subject lookup of ${describeNode(node)}`, () => decision.key(subjectId));
    if (key === undefined || key === null) continue;
    for (const found of await find(source, node, decision.index, key)) {
      if (visited.has(found.id)) continue;
      reach({ node, ...found, path: [hop(node, found.key, 'subject', decision.index)] });
    }
  }

  for (let next = 0; next < queue.length; next++) {
    const parent = queue[next]!;
    for (const link of graph.children.get(parent.node.name) ?? []) {
      const child = graph.nodes.get(link.child)!;
      const edge: AnyErasureEdge = link.edge;
      const what = `edge ${link.position} of ${describeNode(child)} (from ${parent.node.name})`;
      const key = buildKey(what, () => (edge.key as (p: unknown) => unknown)(parent.item));
      if (key === undefined || key === null) continue;
      for (const found of await find(source, child, edge.index, key)) {
        const path = [...parent.path, hop(child, found.key, edge.kind, edge.index, link.position)];
        if (edge.kind === 'deep') {
          if (!visited.has(found.id)) reach({ node: child, ...found, path });
          continue;
        }
        const id = `${found.id}\u0000${link.position}`;
        if (removals.has(id)) continue;
        const fields = edge.remove.filter((field) => valueAt(found.item, field) !== undefined);
        if (fields.length === 0) continue;
        removals.set(id, {
          action: 'remove',
          table: child.table,
          ...entityOf(child),
          key: found.key,
          fields,
          expected: Object.fromEntries(fields.map((field) => [field, valueAt(found.item, field)])),
          path,
        });
      }
    }
  }

  const removeSteps = [...removals.entries()]
    .filter(([id]) => !visited.has(id.slice(0, id.lastIndexOf('\u0000'))))
    .map(([, step]) => step);
  const deleteSteps: DeleteStep[] = deleted
    .map((row) => ({
      action: 'delete' as const,
      table: row.node.table,
      ...entityOf(row.node),
      key: row.key,
      path: row.path,
    }))
    .reverse();
  return makePlan(subjectId, [...graph.nodes.keys()], [...removeSteps, ...deleteSteps]);
}

/** A plan of steps for a new erasure request: its own request id and time, and so its own id. */
export function makePlan(
  subjectId: string,
  tables: readonly string[],
  steps: readonly ErasureStep[],
): ErasurePlan {
  const identity = {
    format: PLAN_FORMAT,
    requestId: randomUUID(),
    createdAt: new Date(),
    subjectId,
    steps,
  } as const;
  return { ...identity, id: planId(identity), tables, steps };
}
