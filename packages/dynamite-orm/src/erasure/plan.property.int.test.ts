// On random graphs (tables, edges with cycles, rows) stored in DynamoDB Local, the plan is
// exactly what a separate, in-memory walk of the declared edges reaches.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../test/dynamo.js';
import {
  type AnyErasureDecision,
  type AnyTableDefinition,
  attr,
  createEraser,
  createTableInput,
  deep,
  defineItem,
  defineTable,
  erasureCheckpoints,
  shallow,
} from '../index.js';

const Node = defineItem({
  id: attr.string(),
  a: attr.string().optional(),
  b: attr.string().optional(),
});
type NodeRow = { id: string; a?: string; b?: string };
const INDEXES = {
  byA: { partitionKey: 'a' as const },
  byB: { partitionKey: 'b' as const, projection: 'keys' as const },
};
const MAX_TABLES = 4;
const POOL = ['r0', 'r1', 'r2', 'r3'];

type Access = 'idx:a' | 'idx:b' | 'pk:a' | 'pk:b';
interface EdgeSpec {
  parent: number;
  kind: 'deep' | 'shallow';
  access: Access;
  remove: 'a' | 'b';
}
interface GraphSpec {
  decisions: ({ kind: 'none' } | { kind: 'cascade'; edges: EdgeSpec[] })[];
  rows: NodeRow[][];
  subject: string;
}

const poolValue = fc.option(fc.constantFrom(...POOL), { nil: undefined, freq: 5 });
const rowArb = fc.record({ id: fc.constantFrom(...POOL), a: poolValue, b: poolValue });
const graphArb = fc.integer({ min: 2, max: MAX_TABLES }).chain((count) =>
  fc.record({
    decisions: fc.array(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
        {
          weight: 4,
          arbitrary: fc.record({
            kind: fc.constant('cascade' as const),
            edges: fc.array(
              fc.record({
                parent: fc.integer({ min: 0, max: count - 1 }),
                kind: fc.constantFrom('deep' as const, 'shallow' as const),
                access: fc.constantFrom<Access>('idx:a', 'idx:b', 'pk:a', 'pk:b'),
                remove: fc.constantFrom('a' as const, 'b' as const),
              }),
              { minLength: 1, maxLength: 4 },
            ),
          }),
        },
      ),
      { minLength: count - 1, maxLength: count - 1 },
    ),
    rows: fc.array(fc.uniqueArray(rowArb, { selector: (r) => r.id, maxLength: 4 }), {
      minLength: count,
      maxLength: count,
    }),
    subject: fc.constantFrom(...POOL),
  }),
);

function clean(row: NodeRow): NodeRow {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as NodeRow;
}

function removedBy(edge: EdgeSpec): 'a' | 'b' {
  return edge.access === 'idx:a' ? 'a' : edge.access === 'idx:b' ? 'b' : edge.remove;
}

function edgeOf(edge: EdgeSpec) {
  const parent = `gt${edge.parent}`;
  const path =
    edge.access === 'idx:a'
      ? { index: 'byA' as const, key: (p: NodeRow) => ({ a: p.id }) }
      : edge.access === 'idx:b'
        ? { index: 'byB' as const, key: (p: NodeRow) => ({ b: p.id }) }
        : {
            key: (p: NodeRow) =>
              p[edge.access === 'pk:a' ? 'a' : 'b']
                ? { id: p[edge.access === 'pk:a' ? 'a' : 'b']! }
                : undefined,
          };
  return edge.kind === 'deep'
    ? deep(parent, path as never)
    : shallow(parent, { ...(path as object), remove: [removedBy(edge)] } as never);
}

function definitions(spec: GraphSpec): AnyTableDefinition[] {
  return spec.rows.map((_, i) => {
    const decision: AnyErasureDecision =
      i === 0
        ? { kind: 'subject', key: (id: string) => ({ id }) }
        : spec.decisions[i - 1]!.kind === 'none'
          ? { kind: 'none', justification: 'random' }
          : {
              kind: 'cascade',
              edges: (spec.decisions[i - 1] as { edges: EdgeSpec[] }).edges.map(edgeOf) as never,
            };
    return defineTable({
      name: `gt${i}`,
      item: Node,
      partitionKey: 'id',
      indexes: INDEXES,
      erasure: decision as never,
    });
  });
}

/** The walk, done again in memory from the spec alone. */
function reachable(spec: GraphSpec) {
  const rows = spec.rows.map((list) => list.map(clean));
  const erased = new Set<string>();
  const removals = new Set<string>();
  const queue: [number, NodeRow][] = [];
  for (const row of rows[0]!) {
    if (row.id === spec.subject) {
      erased.add(`gt0|${row.id}`);
      queue.push([0, row]);
    }
  }
  while (queue.length > 0) {
    const [p, parent] = queue.shift()!;
    rows.forEach((childRows, c) => {
      if (c === 0) return;
      const decision = spec.decisions[c - 1]!;
      if (decision.kind !== 'cascade') return;
      decision.edges.forEach((edge, position) => {
        if (edge.parent !== p) return;
        const matches = childRows.filter((row) =>
          edge.access === 'idx:a'
            ? row.a === parent.id
            : edge.access === 'idx:b'
              ? row.b === parent.id
              : edge.access === 'pk:a'
                ? parent.a !== undefined && row.id === parent.a
                : parent.b !== undefined && row.id === parent.b,
        );
        for (const row of matches) {
          const id = `gt${c}|${row.id}`;
          if (edge.kind === 'deep') {
            if (!erased.has(id)) {
              erased.add(id);
              queue.push([c, row]);
            }
          } else if (row[removedBy(edge)] !== undefined) {
            removals.add(`${id}|${position}|${removedBy(edge)}`);
          }
        }
      });
    });
  }
  const kept = [...removals].filter((r) => !erased.has(r.split('|').slice(0, 2).join('|')));
  return { deletes: [...erased].sort(), removals: kept.sort() };
}

const client = new DynamoDBClient(localClientConfig());
const physical: string[] = [];
let checkpointTable = '';

beforeAll(async () => {
  const shape = defineTable({ name: 'gen', item: Node, partitionKey: 'id', indexes: INDEXES });
  for (let i = 0; i < MAX_TABLES; i++) {
    const tableName = uniqueName(`graph${i}`);
    await client.send(new CreateTableCommand(createTableInput(shape, { tableName })));
    physical.push(tableName);
  }
  checkpointTable = uniqueName('graph-cp');
  await client.send(
    new CreateTableCommand(createTableInput(erasureCheckpoints, { tableName: checkpointTable })),
  );
});
afterAll(() => client.destroy());

async function load(defs: AnyTableDefinition[], spec: GraphSpec) {
  const connected = defs.map((d, i) =>
    d.connect(client, { tableName: physical[i]!, ...({ logger: () => {} } as object) }),
  );
  for (const [i, db] of connected.entries()) {
    const system = db.asSystem('test-graph');
    const existing: { id: string }[] = [];
    for await (const item of system.scanAll({ consistentRead: true }))
      existing.push({ id: (item as NodeRow).id });
    if (existing.length) await system.batchWrite(existing.map((key) => ({ delete: key })));
    const rows = spec.rows[i]!.map(clean);
    if (rows.length) await system.batchWrite(rows.map((row) => ({ put: row })));
  }
  return createEraser({
    tables: connected,
    checkpoints: erasureCheckpoints.connect(client, {
      tableName: checkpointTable,
      ...({ logger: () => {} } as object),
    }),
  });
}

describe('planErasure on random graphs', () => {
  it('plans exactly the rows and fields reachable through declared edges, children before parents', async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, async (spec) => {
        const defs = definitions(spec);
        const eraser = await load(defs, spec);
        const plan = await eraser.planErasure(spec.subject);
        const want = reachable(spec);

        const deletes = plan.steps.filter((s) => s.action === 'delete');
        const removals = plan.steps.filter((s) => s.action === 'remove');
        expect(deletes.map((s) => `${s.table}|${s.key.id}`).sort()).toEqual(want.deletes);
        expect(
          removals
            .map((s) => `${s.table}|${s.key.id}|${s.path.at(-1)!.edge}|${s.fields.join(',')}`)
            .sort(),
        ).toEqual(want.removals);
        expect(new Set(deletes.map((s) => `${s.table}|${s.key.id}`)).size).toBe(deletes.length);

        const position = new Map(deletes.map((s, i) => [`${s.table}|${s.key.id}`, i]));
        for (const step of plan.steps) {
          const [first, ...rest] = step.path;
          expect(first).toMatchObject({ table: 'gt0', key: { id: spec.subject }, via: 'subject' });
          expect(step.path.at(-1)).toMatchObject({ table: step.table, key: step.key });
          rest.forEach((hop, k) => {
            const previous = step.path[k]!;
            const decision = defs.find((d) => d.name === hop.table)!.erasure!;
            const edge = decision.kind === 'cascade' ? decision.edges[hop.edge!] : undefined;
            expect(edge?.kind).toBe(hop.via);
            expect(edge?.parent).toBe(previous.table);
          });
          // A deleted row's parent (the row it was reached from) is deleted after it.
          if (step.action === 'delete' && step.path.length > 1) {
            const parent = step.path.at(-2)!;
            expect(position.get(`${parent.table}|${parent.key.id}`)!).toBeGreaterThan(
              position.get(`${step.table}|${step.key.id}`)!,
            );
          }
        }
        // Planned again: the same steps, in a plan of its own (a new request, a new id).
        const again = await eraser.planErasure(spec.subject);
        expect(again.steps).toEqual(plan.steps);
        expect(again.id).not.toBe(plan.id);
      }),
      { numRuns: 100 },
    );
  });
});
