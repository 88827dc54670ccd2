import { PassThrough } from 'node:stream';
import { uniqueName } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/index.js';
import { createTestTable, type TestTable } from './records-table.js';
import { runSymval } from './run-cli.js';

const ADA = 'https://ada.example';
const BOB = 'https://bob.example';
const CAROL = 'https://carol.example';

let table: TestTable;
const checkpoints = uniqueName('cli-erasure-checkpoints');

beforeAll(async () => {
  table = await createTestTable('cli-erase');
  await table.seed(ADA, 'e', ['me.example.com', 'com.example.me']);
  await table.seed(ADA, 'a', ['zb.snus.suns.bz']);
  await table.seed(BOB, 'b', ['zq.suns.bz']);
  // Carol shares a hostname with Ada (another group): it must survive Ada's erasure.
  await table.seed(CAROL, 'a', ['zb.snus.suns.bz']);
  await table.seed(CAROL, 'b', ['sos.sos']);
});
afterAll(() => table?.client.destroy());

const erase = (args: string[]) =>
  runSymval(
    ['erase-owner', '--table', table.tableName, '--checkpoint-table', checkpoints, ...args],
    {
      env: table.env,
    },
  );

const owners = async () => (await table.all()).map((r) => `${r.owner} ${r.hostname}`).sort();

/** Runs the CLI in this process with a terminal on stdin that answers `answer`. */
async function eraseAnswering(owner: string, answer: string) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  stdin.end(`${answer}\n`);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['erase-owner', '--table', table.tableName, '--checkpoint-table', checkpoints, owner],
    {
      stdout: { isTTY: false, write: (chunk: string) => out.push(chunk) },
      stderr: { isTTY: true, write: (chunk: string) => err.push(chunk) },
      env: { ...table.env, NO_COLOR: '1' },
      stdin,
    },
  );
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('symval erase-owner', () => {
  it('prints the plan with --plan and erases nothing', async () => {
    const before = await owners();
    const result = await erase([ADA, '--plan']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^Erasure plan \\S+ for owner "${ADA}" in table ${table.tableName}:$`),
    );
    expect(lines.filter((line) => line.startsWith('  delete  domain-records  '))).toHaveLength(3);
    expect(result.stdout).toContain(
      '3 records to delete: every record of the owner, found through the byOwner index.',
    );
    expect(lines.at(-1)).toBe('Plan only (--plan): nothing was erased.');
    expect(await owners()).toEqual(before);
  });

  it('refuses to erase without --yes when there is no terminal, writing nothing', async () => {
    const before = await owners();
    const result = await erase([ADA, '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'usage.confirmation' });
    expect(await owners()).toEqual(before);
  });

  it('exits 2 and writes nothing when the checkpoint table is missing, pointing at the option', async () => {
    const before = await owners();
    const result = await erase([ADA, '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--create-checkpoint-table');
    expect(await owners()).toEqual(before);
  });

  it("with --yes erases exactly the owner's records and prints the plan and the result as JSON", async () => {
    const result = await erase([ADA, '--yes', '--create-checkpoint-table', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      owner: ADA,
      table: table.tableName,
      checkpointTable: checkpoints,
      executed: true,
      result: { status: 'finished', total: 3, done: 3, skipped: [] },
    });
    expect(
      output.plan.steps
        .map((s: { action: string; key: { hostname: string } }) => `${s.action} ${s.key.hostname}`)
        .sort(),
    ).toEqual(['delete com.example.me', 'delete me.example.com', 'delete zb.snus.suns.bz']);
    expect(await owners()).toEqual([
      `${BOB} zq.suns.bz`,
      `${CAROL} sos.sos`,
      `${CAROL} zb.snus.suns.bz`,
    ]);
  });

  it('says there is nothing to erase for an owner with no records', async () => {
    const result = await erase([ADA, '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Nothing to erase: table ${table.tableName} has no record of owner "${ADA}"`,
    );
  });

  it('asks on a terminal: no keeps everything, yes erases', async () => {
    const declined = await eraseAnswering(BOB, 'n');
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain(`Erasure plan`);
    expect(declined.stderr).toContain(
      `Erase 1 record of "${BOB}" from table ${table.tableName}? [y/N] `,
    );
    expect(declined.stdout).toContain('Not erased: the erasure was not confirmed.');
    expect(await owners()).toContain(`${BOB} zq.suns.bz`);

    const confirmed = await eraseAnswering(BOB, 'yes');
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/^Erased: 1 of 1 steps done in 1 transaction\./);
    expect(confirmed.stderr).toMatch(/erase \[#+\] 1\/1 100% in \d+s\n$/);
    expect(await owners()).toEqual([`${CAROL} sos.sos`, `${CAROL} zb.snus.suns.bz`]);
  });
});
