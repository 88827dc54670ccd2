// Typechecks and runs the `typescript` blocks of the README (the erasure and export sections)
// in order, as one program, against DynamoDB Local.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

async function program(): Promise<string> {
  const readme = await readFile(`${root}README.md`, 'utf8');
  const blocks = [...readme.matchAll(/```typescript\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .join('\n')
    .replaceAll("from '@symval/dynamite-orm'", "from '../src/index.ts'")
    .replace('http://127.0.0.1:8000', inject('dynamodb').endpoint);
}

describe('README erasure and export sections', () => {
  it('typecheck, run as written and print what their comments say', async () => {
    await mkdir(`${root}test-artifacts`, { recursive: true });
    await writeFile(`${root}test-artifacts/readme-erasure.ts`, await program());
    await writeFile(
      `${root}test-artifacts/tsconfig.readme-erasure.json`,
      JSON.stringify({
        extends: '../../../tsconfig.base.json',
        compilerOptions: { noEmit: true, allowImportingTsExtensions: true, types: ['node'] },
        files: ['readme-erasure.ts'],
      }),
    );
    await run(
      `${root}node_modules/.bin/tsc`,
      ['-p', 'test-artifacts/tsconfig.readme-erasure.json'],
      {
        cwd: root,
      },
    );
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'test-artifacts/readme-erasure.ts'],
      {
        cwd: root,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    const lines = stdout.split('\n').filter((line) => !line.startsWith('{"level"'));
    expect(lines.slice(0, 3), stdout).toEqual([
      'review',
      "[ 'review settings: decision.none' ]",
      'erasure: NEEDS REVIEW (4 tables, 0 failures, 1 to review, 0 notes)',
    ]);
    expect(lines.slice(3, 8)).toEqual([
      'remove messages r-bob/m1 2',
      'delete messages r-ada/m1 3',
      'delete rooms r-ada 2',
      'delete users ada 1',
      'finished 4 []',
    ]);
    expect(lines[8]).toBe("{ roomId: 'r-bob', messageId: 'm1', text: 'hello' }");
    expect(lines[9]).toBe("done [ 'ada finished' ]");
    expect(lines.slice(10, 12)).toEqual([
      'resource "aws_dynamodb_table" "messages" {',
      '  name                        = "messages"',
    ]);
    expect(lines[12]).toBe(
      'table,field,attribute,dynamodb_type,key,personal_data_category,purpose,description,erasure_decision,erased_by,erasure_detail,entity,key_template',
    );
    expect(lines[13]).toBe('messages.authorId delete, rooms.hostId delete, users.email delete');
  });
});
