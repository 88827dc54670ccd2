// Runs each `ts start` block of the README (the opening examples) as its own program against
// DynamoDB Local; the other `ts` blocks are one program, run by readme.int.test.ts.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

async function startBlock(index: number, table: string): Promise<string> {
  const readme = await readFile(`${root}README.md`, 'utf8');
  const blocks = [...readme.matchAll(/```ts start\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  expect(blocks.length).toBe(2);
  return blocks[index]!.replaceAll("from '@symval/dynamite-orm'", `from '${root}src/index.ts'`)
    .replaceAll('http://127.0.0.1:8000', inject('dynamodb').endpoint)
    .replace(/name: '(users|app)'/, `name: '${table}'`);
}

async function runBlock(index: number): Promise<string[]> {
  // A table of its own: other test files share this DynamoDB Local.
  const table = `start-${index}-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await mkdir(`${root}test-artifacts`, { recursive: true });
  const file = `${root}test-artifacts/readme-start-${index}-${process.pid}.ts`;
  await writeFile(file, `${await startBlock(index, table)}\nexport {};\n`);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
    cwd: root,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return stdout.trimEnd().split('\n');
}

describe('README opening', () => {
  it('the smallest program puts and gets an item', async () => {
    expect(await runBlock(0)).toEqual([
      "{ userId: 'ada', name: 'Ada', joined: 2024-01-01T00:00:00.000Z }",
    ]);
  });

  it('the single-table example finds by GSI, queries by key prefix and reads a collection', async () => {
    expect(await runBlock(1)).toEqual([
      'ada',
      "[ 'o2' ]",
      'order 30',
      'order 12',
      'user ada@example.com',
    ]);
  });
});
