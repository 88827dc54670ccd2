// Expected failures of every kind (bad input, AWS errors, network errors, a missing table or
// file) end in one error line and one hint, with the right exit code and no stack trace; the
// stack appears only with --debug.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from './records-table.js';
import { type CliRun, runCliProcess, runSymval } from './run-cli.js';

let table: TestTable;
let closed: number;
let dir: string;

beforeAll(async () => {
  table = await createTestTable('cli-failures');
  closed = await findFreePort();
  dir = await mkdtemp(join(tmpdir(), 'symval-cli-failures-'));
});
afterAll(async () => {
  table?.client.destroy();
  await rm(dir, { recursive: true, force: true });
});

const STACK_LINE = /^\s+at /m;

/** One error line naming the command, one hint line, nothing on stdout. */
function expectExplained(result: CliRun, code: number, message: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(STACK_LINE);
  const [error, hint, ...rest] = result.stderr.trimEnd().split('\n');
  expect(error).toMatch(message);
  expect(hint?.length).toBeGreaterThan(10);
  expect(rest).toEqual([]);
  expect(result.code).toBe(code);
}

describe('failures are explained, never a stack trace', () => {
  it('a table that does not exist: exit 2, naming it and where', async () => {
    const result = await runSymval(['show', '--table', 'no-such-table'], { env: table.env });
    expectExplained(
      result,
      2,
      /^symval show: error: DynamoDB table "no-such-table" at http:\/\/127\.0\.0\.1:\d+: /,
    );
    const erase = await runSymval(
      ['erase-owner', 'https://x.example', '--table', 'no-such-table', '--plan'],
      {
        env: table.env,
      },
    );
    expectExplained(erase, 2, /^symval erase-owner: error: DynamoDB table "no-such-table"/);
  });

  it('DynamoDB not answering: exit 3, saying where it asked', async () => {
    const env = { ...table.env, AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${closed}` };
    const show = await runSymval(['show', '--table', table.tableName], { env });
    expectExplained(
      show,
      3,
      new RegExp(
        `^symval show: error: DynamoDB table "[^"]+" at http://127\\.0\\.0\\.1:${closed}: .*ECONNREFUSED`,
      ),
    );
    const revalidate = await runSymval(['revalidate', '--table', table.tableName], { env });
    expectExplained(revalidate, 3, /ECONNREFUSED/);
  });

  it('no region and no endpoint for AWS: exit 2, saying what to set', async () => {
    const result = await runSymval(['show', '--table', 'symval-domains'], {
      env: { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', HOME: dir },
    });
    expectExplained(
      result,
      2,
      /^symval show: error: DynamoDB table "symval-domains" at AWS \(region from the profile\): Region is missing$/,
    );
    expect(result.stderr).toContain('Set AWS_REGION (e.g. AWS_REGION=eu-west-1)');
  });

  it('a snapshot URL or the local stack not answering: exit 3', async () => {
    const url = await runSymval([
      'reattest',
      '--snapshot',
      `http://127.0.0.1:${closed}/records/domains.json`,
    ]);
    expectExplained(
      url,
      3,
      new RegExp(
        `^symval reattest: error: cannot fetch the snapshot http://127\\.0\\.0\\.1:${closed}/records/domains\\.json: ECONNREFUSED`,
      ),
    );
    const local = await runSymval(['show'], { env: { SYMVAL_LOCAL_PORT: String(closed - 1) } });
    expectExplained(local, 3, /^symval show: error: cannot fetch the snapshot /);
    expect(local.stderr).toContain('start it with pnpm dev');
  });

  it('the Lambda endpoint not answering: exit 3', async () => {
    const result = await runSymval([
      'invoke',
      'reattestbatch',
      '--endpoint',
      `http://127.0.0.1:${closed}`,
    ]);
    expectExplained(
      result,
      3,
      /^symval invoke: error: function "reattestbatch" at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
  });

  it('records files that are missing, not JSON or not an array: exit 2', async () => {
    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '[{"Owner":');
    expectExplained(
      await runSymval(['revalidate', '--file', notJson]),
      2,
      /^symval revalidate: error: the records file ".*broken\.json" is not JSON: /,
    );
    expectExplained(
      await runSymval(['reattest', '--file', join(dir, 'none.json')]),
      2,
      /^symval reattest: error: there is no records file /,
    );
    expectExplained(
      await runSymval(['show', '--file', notJson, '--table', 'x-table']),
      2,
      /^symval show: error: --file and --table name two different stores$/,
    );
  });

  it('bad input to each kind of command: exit 2 before any request', async () => {
    expectExplained(
      await runSymval(['groupid', 'https://o', 'zz', 'a.example']),
      2,
      /the second operand is the symmetry type/,
    );
    expectExplained(
      await runSymval(['lookup', 'not a host']),
      2,
      /^symval lookup: error: not a hostname: /,
    );
    expectExplained(
      await runSymval(['attest', 'o', 'a', 'abba.example', '--dns-server', 'nowhere']),
      2,
      /^symval attest: error: --dns-server: /,
    );
    expectExplained(
      await runSymval(['withdraw', 'o', 'b', 'zq.suns.bz', '--api', 'ftp://x']),
      2,
      /--api must be an http\(s\) URL/,
    );
    expectExplained(
      await runSymval(['invoke', 'f', '--payload', '{nope']),
      2,
      /--payload is not JSON/,
    );
    expectExplained(await runSymval(['reattest', '--grace-hours', '-1']), 2, /--grace-hours/);
  });

  it('the bin itself prints the same one-line errors, and the stack only with --debug', async () => {
    const plain = await runCliProcess(['show', '--table', 'no-such-table'], { env: table.env });
    expectExplained(plain, 2, /^symval show: error: DynamoDB table "no-such-table"/);
    const debug = await runCliProcess(['show', '--table', 'no-such-table', '--debug'], {
      env: table.env,
    });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\nCliError: DynamoDB table "no-such-table"[^\n]*\n {4}at /);
    expect(debug.stderr).toContain('\nCaused by: ResourceNotFoundException: ');
  });
});
