// Runs every `ts` block of the README, in order, as one program against s3rver.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startS3 } from '@symval/local-services';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

describe('README', () => {
  it('runs as written and prints what its comments say', async () => {
    const s3 = await startS3({ buckets: ['site'] });
    try {
      const readme = await readFile(`${root}README.md`, 'utf8');
      const program = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
        .map((m) => m[1])
        .join('\n')
        .replaceAll("from '@symval/snapshot-builder'", `from '${root}src/index.ts'`)
        .replaceAll('http://127.0.0.1:4569', s3.endpoint);
      await mkdir(`${root}test-artifacts`, { recursive: true });
      const file = `${root}test-artifacts/readme-example.ts`;
      await writeFile(file, program);
      const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
        cwd: root,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
      expect(stdout.trim().split('\n')).toEqual([
        '1 1 0',
        '2025-10-15T12:34:56.123Z',
        'true 274',
        'true',
        'false',
      ]);
    } finally {
      await s3.stop();
    }
  });
});
