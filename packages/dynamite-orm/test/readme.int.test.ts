// Runs every `ts` block of the README, in order, as one program against DynamoDB Local.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

async function readmeProgram(): Promise<string> {
  const readme = await readFile(`${root}README.md`, 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .join('\n')
    .replaceAll("from '@symval/dynamite-orm'", `from '${root}src/index.ts'`)
    .replaceAll('http://127.0.0.1:8000', inject('dynamodb').endpoint);
}

describe('README', () => {
  it('runs as written and prints what its comments say', async () => {
    await mkdir(`${root}test-artifacts`, { recursive: true });
    const file = `${root}test-artifacts/readme-example.ts`;
    await writeFile(file, await readmeProgram());
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    const lines = stdout.split('\n');
    expect(lines.slice(0, 5), stdout).toEqual([
      '1 false',
      'true',
      "2 [ 'history', 'math' ]",
      '2',
      'condition.failed',
    ]);
    expect(lines).toContain('5 n07');
    expect(lines.slice(6, 11)).toEqual(['n31', 'n29', 'n27', 'n25', 'n23']);
    expect(lines).toContain('31');
    expect(lines).toContain("1 [ { ownerId: 'ada', noteId: 'nope' } ]");
    expect(lines).toContain("[ 'None', 'ConditionalCheckFailed' ]");
    expect(lines).toContain('SET #n0 = if_not_exists(#n0, :v1) + :v0 ADD #n1 :v2');
    expect(stdout).toContain('Analytical Engines');
    // Items written before the version attribute existed
    const adopted = lines.indexOf(
      '(attribute_exists(#n2)) AND (attribute_not_exists(#n1) OR #n1 = :v2)',
    );
    expect(lines[adopted - 1]).toBe('0');
    // Read and write policies
    const policies = lines.slice(lines.indexOf('Plans'));
    expect(policies.slice(0, 7)).toEqual([
      'Plans',
      'policy.denied',
      '1 1',
      '1 of 2 writes refused, nothing was written: #1 delete on documents: no rule allowed it (all 2 skipped), for the item stored when the write was made',
      'undefined',
      '2',
      "[ 'backup: get on documents', 'backup: batchGet on documents' ]",
    ]);
    // Single-table design
    const shop = lines.slice(lines.indexOf("[ 'o1', 'o2' ] [ 'o3' ]"));
    expect(shop.slice(0, 7), stdout).toEqual([
      "[ 'o1', 'o2' ] [ 'o3' ]",
      "[ 'o1', 'o3' ]",
      '1',
      'o1',
      'o2',
      'o3',
      'c1@example.com',
    ]);
    // Unit tests with the stub client
    expect(lines).toContain("{ id: 'n1', text: 'hi' } { id: { S: 'n1' } } [ 'GetItem' ]");
  });
});
