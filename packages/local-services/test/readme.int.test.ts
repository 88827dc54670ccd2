// Runs the README's "Fault injection" example as one program, as a reader would, against the
// DynamoDB Local of this test run (the example starts its own; here `startDynamoDbLocal()`
// gives the shared one, so no second Java starts).
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

describe('README', () => {
  it('runs the fault injection example as written and prints what its comments say', async () => {
    const readme = await readFile(`${root}README.md`, 'utf8');
    const start = readme.indexOf('## Fault injection');
    const end = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, end < 0 ? undefined : end);
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)];
    expect(blocks).toHaveLength(1);
    const shared = JSON.stringify(inject('dynamodb'));
    const program = blocks[0]![1]!
      .replaceAll("from '@symval/local-services'", `from '${root}src/index.ts'`)
      .replace('await startDynamoDbLocal()', `{ ...${shared}, stop: async () => {} }`);
    await mkdir(`${root}test-artifacts`, { recursive: true });
    const file = `${root}test-artifacts/readme-faults.ts`;
    await writeFile(file, program);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    expect(stdout.trim().split('\n')).toEqual([
      '3',
      'seed 1234: request #2 PutItem (#1 of its kind) got ProvisionedThroughputExceededException',
      'seed 1234: request #3 PutItem (#2 of its kind) got ProvisionedThroughputExceededException',
      'SlowDown 503 2',
      '{ SlowDown: 2 }',
      'ESERVFAIL',
      "[ [ 'v1:b:example' ] ]",
    ]);
  });
});
