// Runs every `ts` block of the README, in order, as one program against DynamoDB Local.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

describe('README', () => {
  it('runs as written and prints what its comments say', async () => {
    const readme = await readFile(`${root}README.md`, 'utf8');
    const program = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
      .map((m) => m[1])
      .join('\n')
      .replaceAll("from '@symval/records'", `from '${root}src/index.ts'`)
      .replaceAll('http://127.0.0.1:8000', inject('dynamodb').endpoint);
    await mkdir(`${root}test-artifacts`, { recursive: true });
    const file = `${root}test-artifacts/readme-example.ts`;
    await writeFile(file, program);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    expect(stdout.trim().split('\n')).toEqual([
      'updated',
      "[ 'com.example.me 1', 'me.example.com 1' ]",
      'updated',
      'conflict',
      'missing',
      '2',
      '["[","  {","    \\"Owner\\": \\"https://example.blog\\","]',
      '2025-10-15T12:34:56.123Z',
      "[ 'com.example.me 1', 'me.example.com 2' ]",
      "[ 'would-update', 'would-update' ]",
      "[ 'updated', 'updated' ]",
      '[{"status":"conflict","currentRev":2},{"status":"conflict","currentRev":3}]',
    ]);
  });
});
