import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the command as CI would, in a child process; resolves with its exit code and output. */
function dynamite(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/bin/dynamite.ts', ...args],
      {
        cwd: root,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('dynamite verify-erasure', () => {
  it('exits 0 and says PASS when every personal attribute is erased', async () => {
    const { code, stdout } = await dynamite('verify-erasure', 'test/erasure-modules/pass.ts');
    expect(stdout.split('\n')[0]).toBe(
      'erasure: PASS (5 tables, 0 failures, 0 to review, 0 notes)',
    );
    expect(code).toBe(0);
  });

  it('exits 1 and names the table without a decision', async () => {
    const { code, stdout } = await dynamite('verify-erasure', 'test/erasure-modules/fail.ts');
    expect(stdout).toContain(
      '  FAIL    audit-log: no erasure decision (declare none, subject or cascade); personal attributes: actorEmail (contact)',
    );
    expect(code).toBe(1);
  });

  it('exits 2 when a none decision needs review', async () => {
    const { code, stdout } = await dynamite('verify-erasure', 'test/erasure-modules/review.ts');
    expect(stdout.split('\n')[0]).toBe(
      'erasure: NEEDS REVIEW (6 tables, 0 failures, 1 to review, 0 notes)',
    );
    expect(code).toBe(2);
  });

  it('prints the report as JSON with --json', async () => {
    const { code, stdout } = await dynamite(
      'verify-erasure',
      'test/erasure-modules/review.ts',
      '--json',
    );
    const report = JSON.parse(stdout);
    expect(report.status).toBe('review');
    expect(report.findings).toEqual([
      expect.objectContaining({ severity: 'review', code: 'decision.none', table: 'settings' }),
    ]);
    expect(code).toBe(2);
  });

  it('exits 3 with usage when the module exports no tables or is missing', async () => {
    const empty = await dynamite('verify-erasure', 'test/erasure-modules/empty.ts');
    expect(empty.code).toBe(3);
    expect(empty.stderr).toContain('exports no tables');
    const missing = await dynamite('verify-erasure', 'test/erasure-modules/nope.ts');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('cannot load');
    const none = await dynamite();
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('usage: dynamite <command> <module>');
  });
});

describe('dynamite terraform and data-map', () => {
  it('prints HCL for the tables of a module', async () => {
    const { code, stdout } = await dynamite(
      'terraform',
      'test/erasure-modules/pass.ts',
      '--deletion-protection',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('resource "aws_dynamodb_table" "users" {');
    expect(stdout).toContain('  deletion_protection_enabled = true');
  });

  it('prints the data map as CSV', async () => {
    const { code, stdout } = await dynamite('data-map', 'test/erasure-modules/fail.ts', '--csv');
    expect(code).toBe(0);
    expect(stdout.split('\r\n').slice(0, 2)).toEqual([
      'table,field,attribute,dynamodb_type,key,personal_data_category,purpose,description,erasure_decision,erased_by,erasure_detail',
      'audit-log,entryId,entryId,S,partition,,,,missing,nothing,',
    ]);
  });
});
