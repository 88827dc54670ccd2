// The type cost of single-table schemas: `tsc --extendedDiagnostics` on three programs written
// to a temporary folder: the import alone (what every program pays for the library), today's
// single-entity example, and a 20-entity single table. The target is measured as a user's
// program compiles: against the package's declarations (`tsc -p tsconfig.build.json`, emitted
// into the temporary folder so they are never stale). The same three programs against the
// sources are printed too: there the library's own implementation is checked in the same
// program and has already instantiated much of what `defineTable` uses, so it tells a
// contributor what the types of an entity cost, not what a user pays.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TARGET = 5;
const ENTITIES = 20;
const sources = fileURLToPath(new URL('../src/index.js', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/.bin/tsc', import.meta.url));

// The import alone: every name the two programs import, each referenced once and nothing
// exported. (It used to export `attr`, whose declaration the checker then serialised: about
// 150 instantiations that neither program pays, taken off both.)
const importOnly = (source: string) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, defineItem, defineSingleTable, defineTable, fieldEqualsViewer, viewerType } from ${JSON.stringify(source)};
void [DynamoDBClient, attr, defineItem, defineSingleTable, defineTable, fieldEqualsViewer, viewerType];
`;

/** Today's single-entity example: one table, a viewer, policies, and each operation once. */
const singleEntity = (source: string) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, defineItem, defineTable, fieldEqualsViewer, viewerType } from ${JSON.stringify(source)};

const notes = defineTable({
  name: 'notes',
  item: defineItem({
    ownerId: attr.string().savedAs('pk'),
    noteId: attr.string().savedAs('sk'),
    title: attr.string(),
    body: attr.string().optional(),
    tags: attr.stringSet(),
    createdAt: attr.date(),
    version: attr.int(),
  }),
  partitionKey: 'ownerId',
  sortKey: 'noteId',
  indexes: { byTitle: { partitionKey: 'title', sortKey: 'createdAt' } },
  version: 'version',
  viewer: viewerType<{ userId: string }>(),
  policies: { read: [fieldEqualsViewer('ownerId', 'userId')], write: [fieldEqualsViewer('ownerId', 'userId')] },
});

export async function use(client: DynamoDBClient) {
  const db = notes.connect(client).as({ userId: 'u1' });
  await db.put({ ownerId: 'u1', noteId: 'n1', title: 't', tags: new Set(['a']), createdAt: new Date() });
  const got = await db.get({ ownerId: 'u1', noteId: 'n1' });
  const page = await db.query({ key: { ownerId: 'u1', noteId: { beginsWith: 'n' } } });
  const byTitle = await db.query({ index: 'byTitle', key: { title: 't' } });
  await db.update({ ownerId: 'u1', noteId: 'n1' }, { set: { title: 'u' } }, { expectedVersion: 1 });
  return [got?.title, page.items[0]?.createdAt, byTitle.items.length] as const;
}
`;

function entity(i: number): string {
  return `const E${i} = app.entity({
  name: 'e${i}',
  item: defineItem({
    ownerId: attr.string(),
    id${i}: attr.string(),
    at: attr.date(),
    state: attr.literal('a${i}', 'b${i}'),
    count: attr.int(),
    note: attr.string().optional(),
  }),
  key: { partitionKey: 'OWNER#{ownerId}', sortKey: 'E${i}#{at}#{id${i}}' },
  indexes: { gsi1: { partitionKey: 'STATE#{state}', sortKey: '{at}' } },
  viewer: viewerType<{ userId: string }>(),
  policies: { read: [fieldEqualsViewer('ownerId', 'userId')], write: [fieldEqualsViewer('ownerId', 'userId')] },
});
export async function use${i}(client: DynamoDBClient) {
  const db = E${i}.connect(client).as({ userId: 'u1' });
  await db.put({ ownerId: 'u1', id${i}: 'x', at: new Date(), state: 'a${i}', count: 1 });
  const got = await db.get({ ownerId: 'u1', at: new Date(), id${i}: 'x' });
  const page = await db.query({ key: { ownerId: 'u1', at: { ge: new Date() } } });
  const byState = await db.query({ index: 'gsi1', key: { state: 'b${i}' } });
  return [got?.count, page.items[0]?.at, byState.items.length] as const;
}
`;
}

/** A 20-entity single table: every entity with composite keys, an overloaded index and each operation once. */
const twentyEntities = (
  source: string,
) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, defineItem, defineSingleTable, fieldEqualsViewer, viewerType } from ${JSON.stringify(source)};

const app = defineSingleTable({
  name: 'app',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
});
${Array.from({ length: ENTITIES }, (_, i) => entity(i)).join('\n')}
export async function together(client: DynamoDBClient) {
  const page = await app.collection([E0, E1]).connect(client).as({ userId: 'u1' }).query({ key: { ownerId: 'u1' } });
  return page.items.map((x) => (x.entity === 'e0' ? x.item.id0 : x.item.id1));
}
`;

async function instantiations(dir: string, name: string, text: string): Promise<number> {
  await writeFile(join(dir, `${name}.ts`), text);
  const config = {
    extends: fileURLToPath(new URL('../../../tsconfig.base.json', import.meta.url)),
    compilerOptions: {
      noEmit: true,
      types: ['node'],
      typeRoots: [fileURLToPath(new URL('../node_modules/@types', import.meta.url))],
    },
    files: [`${name}.ts`],
  };
  await writeFile(join(dir, `tsconfig.${name}.json`), JSON.stringify(config));
  // The package's own tsc (the workspace's TypeScript), as `pnpm typecheck` runs it.
  let stdout: string;
  try {
    ({ stdout } = await run(
      tsc,
      ['-p', join(dir, `tsconfig.${name}.json`), '--extendedDiagnostics'],
      { cwd: dir },
    ));
  } catch (error) {
    throw new Error(
      `${name} does not typecheck:\n${(error as { stdout?: string }).stdout ?? error}`,
    );
  }
  const found = /Instantiations:\s+(\d+)/.exec(stdout);
  if (!found) throw new Error(`no instantiation count in tsc's output:\n${stdout}`);
  return Number(found[1]);
}

interface Figures {
  base: number;
  single: number;
  many: number;
}

async function measure(dir: string, source: string, suffix: string): Promise<Figures> {
  return {
    base: await instantiations(dir, `import-only${suffix}`, importOnly(source)),
    single: await instantiations(dir, `single-entity${suffix}`, singleEntity(source)),
    many: await instantiations(dir, `twenty-entities${suffix}`, twentyEntities(source)),
  };
}

const added = (f: Figures) => (f.many - f.base) / (f.single - f.base);

function print(title: string, f: Figures): void {
  console.log(title);
  console.log(`${'  the import alone (library)'.padEnd(44)} ${String(f.base).padStart(10)}`);
  console.log(
    `${"  today's single-entity example".padEnd(44)} ${String(f.single).padStart(10)}  (+${f.single - f.base})`,
  );
  console.log(
    `${`  ${ENTITIES}-entity single table`.padEnd(44)} ${String(f.many).padStart(10)}  (+${f.many - f.base})`,
  );
}

/** Runs the type-cost measure, prints its figures and returns whether the target was met. */
export async function runTypesBench(): Promise<boolean> {
  // Inside the package, so the generated programs resolve its dependencies (@aws-sdk/*).
  const dir = await mkdtemp(join(fileURLToPath(new URL('.', import.meta.url)), '.types-'));
  try {
    const declarations = join(dir, 'dist');
    await run(
      tsc,
      [
        '-p',
        fileURLToPath(new URL('../tsconfig.build.json', import.meta.url)),
        '--emitDeclarationOnly',
        '--declarationMap',
        'false',
        '--outDir',
        declarations,
      ],
      { cwd: dir },
    );
    const user = await measure(dir, join(declarations, 'index.js'), '');
    const contributor = await measure(dir, sources, '-src');
    const ratio = added(user);
    const met = ratio < TARGET && user.many / user.single < TARGET;
    console.log('\ntype instantiations (tsc --extendedDiagnostics, one program each, same run)');
    print("against the package's declarations, as a user's program compiles:", user);
    console.log(
      `ratio: ${ratio.toFixed(2)}x the single-entity example's own instantiations (totals: ${(user.many / user.single).toFixed(2)}x) (target < ${TARGET}x) ${met ? 'MET' : 'MISSED'}`,
    );
    print('against the sources (the library checked in the same program):', contributor);
    console.log(
      `  ratio: ${added(contributor).toFixed(2)}x added, ${(contributor.many / contributor.single).toFixed(2)}x totals (for contributors: what an entity's types cost once the library's own are cached)`,
    );
    return met;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await runTypesBench();
}
