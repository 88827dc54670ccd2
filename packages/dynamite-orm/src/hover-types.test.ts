// What an editor shows for the values a program gets from dynamite: the user's own fields,
// never the `Attribute<…>` parameters of the schema or an unexpanded helper type. tsc's
// declaration output prints an inferred type the way a hover does, so the test compiles a
// small program with the package's own tsc and reads the declarations it writes.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(packageDir, 'node_modules/.bin/tsc');

const program = (index: string) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, defineItem, defineSingleTable, defineTable, fieldEqualsViewer, viewerType } from ${JSON.stringify(index)};

const notes = defineTable({
  name: 'notes',
  item: defineItem({
    ownerId: attr.string().savedAs('pk'),
    noteId: attr.string().savedAs('sk'),
    title: attr.string(),
    body: attr.string().optional(),
    views: attr.int().default(0),
    createdAt: attr.date(),
  }),
  partitionKey: 'ownerId',
  sortKey: 'noteId',
});
const app = defineSingleTable({ name: 'app', partitionKey: 'pk', sortKey: 'sk' });
const User = app.entity({
  name: 'user',
  item: defineItem({ userId: attr.string(), email: attr.string(), plan: attr.literal('free', 'pro') }),
  key: { partitionKey: 'USER#{userId}', sortKey: 'PROFILE' },
});
const Order = app.entity({
  name: 'order',
  item: defineItem({
    userId: attr.string(),
    orderId: attr.string(),
    total: attr.number(),
    note: attr.string().optional(),
  }),
  key: { partitionKey: 'USER#{userId}', sortKey: 'ORDER#{orderId}' },
  viewer: viewerType<{ userId: string }>(),
  policies: { read: [fieldEqualsViewer('userId', 'userId')], write: [fieldEqualsViewer('userId', 'userId')] },
});
const client = new DynamoDBClient({});
const db = notes.connect(client).asSystem('hover');
export const note = await db.get({ ownerId: 'o', noteId: 'n' });
export const notePage = await db.query({ key: { ownerId: 'o' } });
export const noteInput = (input: Parameters<typeof db.put>[0]) => [input] as const;
const orders = Order.connect(client).as({ userId: 'u1' });
export const order = await orders.get({ userId: 'u', orderId: 'o' });
export const orderInput = (input: Parameters<typeof orders.put>[0]) => [input] as const;
export const both = (
  await app.collection([User, Order]).connect(client).as({ userId: 'u1' }).query({ key: { userId: 'u' } })
).items;
`;

/** The exported declarations of the program, each on one line with single spaces. */
let exported: Map<string, string>;
let dir: string;

beforeAll(async () => {
  // Inside the package, so the program resolves the package's dependencies.
  await mkdir(join(packageDir, 'test-artifacts'), { recursive: true });
  dir = await mkdtemp(join(packageDir, 'test-artifacts', 'hover-'));
  const index = relative(dir, join(packageDir, 'src/index.js'));
  await writeFile(join(dir, 'program.ts'), program(index));
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(packageDir, '../../tsconfig.base.json'),
      compilerOptions: {
        types: ['node'],
        rootDir: packageDir,
        outDir: join(dir, 'out'),
        emitDeclarationOnly: true,
        declarationMap: false,
      },
      files: ['program.ts'],
    }),
  );
  await run(tsc, ['-p', join(dir, 'tsconfig.json')], { cwd: dir });
  const text = await readFile(join(dir, 'out', relative(packageDir, dir), 'program.d.ts'), 'utf8');
  exported = new Map(
    text
      .split(/\n(?=export |declare )/)
      .filter((s) => s.startsWith('export declare const '))
      .map((s) => {
        const line = s.replace(/\s+/g, ' ').trim();
        return [/^export declare const (\w+)/.exec(line)![1]!, line] as const;
      }),
  );
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('hover types', () => {
  it('show a table item as its fields, optional ones optional', () => {
    expect(exported.get('note')).toBe(
      'export declare const note: { body?: string | undefined; createdAt: Date; noteId: string; ownerId: string; title: string; views: number; } | undefined;',
    );
    expect(exported.get('notePage')).toBe(
      'export declare const notePage: import("../../src/index.js").Page<{ body?: string | undefined; createdAt: Date; noteId: string; ownerId: string; title: string; views: number; }>;',
    );
  });

  it('show what a put takes, a defaulted field optional', () => {
    expect(exported.get('noteInput')).toBe(
      'export declare const noteInput: (input: Parameters<typeof db.put>[0]) => readonly [{ body?: string | undefined; createdAt: Date; noteId: string; ownerId: string; title: string; views?: number | undefined; }];',
    );
  });

  it('show an entity item and its input as their fields', () => {
    expect(exported.get('order')).toBe(
      'export declare const order: { note?: string | undefined; orderId: string; total: number; userId: string; } | undefined;',
    );
    expect(exported.get('orderInput')).toBe(
      'export declare const orderInput: (input: Parameters<typeof orders.put>[0]) => readonly [{ note?: string | undefined; orderId: string; total: number; userId: string; }];',
    );
  });

  it('show a collection as a union told apart by entity', () => {
    expect(exported.get('both')).toBe(
      'export declare const both: ({ entity: "user"; item: { email: string; plan: "free" | "pro"; userId: string; }; } | { entity: "order"; item: { note?: string | undefined; orderId: string; total: number; userId: string; }; })[];',
    );
  });

  it('never name the schema attributes in a value a program reads', () => {
    expect([...exported.keys()].sort()).toEqual(
      ['both', 'note', 'noteInput', 'notePage', 'order', 'orderInput'].sort(),
    );
    for (const [name, line] of exported) {
      expect(line, name).not.toMatch(/Attribute<|InferItem<|InferInput<|Simplify<|EntityTypes/);
    }
  });
});
