import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../test/dynamo.js';
import {
  connectSocial,
  createSocialTables,
  restoreSnapshot,
  seedSocial,
  snapshot,
} from '../../test/erasure-env.js';
import { runDynamite } from '../../test/run-dynamite.js';

const dynamiteWith = runDynamite;
/** Runs the command as CI would, in a child process; resolves with its exit code and output. */
const dynamite = (...args: string[]) => runDynamite({}, ...args);

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
      '  FAIL    audit-log.actorEmail: no erasure decision, so personal attribute actorEmail (contact) is never erased (declare none, subject or cascade)',
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
      'table,field,attribute,dynamodb_type,key,personal_data_category,purpose,description,erasure_decision,erased_by,erasure_detail,entity,key_template',
      'audit-log,entryId,entryId,S,partition,,,,missing,nothing,,,',
    ]);
  });
});

describe('dynamite reapply-erasures', () => {
  const client = new DynamoDBClient(localClientConfig());
  afterAll(() => client.destroy());

  it('erases again, from the data restored, every subject erased since the restore point', async () => {
    const names = await createSocialTables(client, uniqueName('cli'));
    await seedSocial(client, names);
    const backup = await snapshot(client, names);
    const { eraser } = connectSocial(client, names);
    const since = new Date();
    await eraser.executeErasure(await eraser.planErasure('alice'));
    const erased = await snapshot(client, names);
    await restoreSnapshot(client, names, backup);
    const env = {
      ERASURE_CLIENT_CONFIG: JSON.stringify(localClientConfig()),
      ERASURE_TABLE_NAMES: JSON.stringify(names),
    };
    const module = 'test/erasure-modules/eraser.ts';

    const dry = await dynamiteWith(
      env,
      'reapply-erasures',
      module,
      '--since',
      since.toISOString(),
      '--dry-run',
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.split('\n')[0]).toBe(
      `reapply-erasures: PLANNED (dry run: nothing was written) (1 subject erased since ${since.toISOString()}, 0 failed)`,
    );
    expect(dry.stdout).toMatch(/ {2}alice: 15 steps to write \(plan [0-9a-f]{32}\)/);
    expect(await snapshot(client, names)).toEqual(backup);

    const run = await dynamiteWith(
      env,
      'reapply-erasures',
      module,
      `--since=${since.toISOString()}`,
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ status: 'done', since: since.toISOString(), notReached: [] });
    expect(json.subjects).toMatchObject([
      { subjectId: 'alice', steps: 15, result: { status: 'finished', done: 15 } },
    ]);
    expect(await snapshot(client, names)).toEqual(erased);

    // A restore point after the erasure: nothing to re-apply.
    const later = await dynamiteWith(
      env,
      'reapply-erasures',
      module,
      '--since',
      new Date().toISOString(),
    );
    expect(later.code).toBe(0);
    expect(later.stdout).toContain('(0 subjects erased since');
  });

  it('exits 1 when a subject could not be re-applied, 2 when fields were kept', async () => {
    const names = await createSocialTables(client, uniqueName('cli'));
    await seedSocial(client, names);
    const restored = await snapshot(client, names);
    const { eraser } = connectSocial(client, names);
    const since = new Date();
    await eraser.executeErasure(await eraser.planErasure('alice'));
    await restoreSnapshot(client, names, restored);
    const env = (tableNames: Record<string, string>) => ({
      ERASURE_CLIENT_CONFIG: JSON.stringify(localClientConfig()),
      ERASURE_TABLE_NAMES: JSON.stringify(tableNames),
    });
    // Restored; a data table that is not there: alice cannot be planned, the run is incomplete.
    const broken = await dynamiteWith(
      env({ ...names, messages: uniqueName('gone') }),
      'reapply-erasures',
      'test/erasure-modules/eraser.ts',
      '--since',
      since.toISOString(),
    );
    expect(broken.code, broken.stderr).toBe(1);
    expect(broken.stdout.split('\n')[0]).toContain('reapply-erasures: INCOMPLETE (1 subject');
    expect(broken.stdout).toMatch(/ {2}alice: FAILED: /);
    expect(broken.stderr).not.toContain('    at ');
    expect(await snapshot(client, names)).toEqual(restored);

    // Another writer renames alice in one message as the run starts.
    const kept = await dynamiteWith(
      env(names),
      'reapply-erasures',
      'test/erasure-modules/eraser-concurrent.ts',
      '--since',
      since.toISOString(),
    );
    expect(kept.code, kept.stderr).toBe(2);
    expect(kept.stdout.split('\n')[0]).toContain(
      'reapply-erasures: DONE, WITH FIELDS KEPT (review)',
    );
    expect(kept.stdout).toContain(
      '    kept authorName of step 0 (messages): changed after planning',
    );
  });

  it('exits 3 with the reason for a missing or bad restore point, or a module without an eraser', async () => {
    const noSince = await dynamite('reapply-erasures', 'test/erasure-modules/eraser.ts');
    expect(noSince.code).toBe(3);
    expect(noSince.stderr).toContain('reapply-erasures needs --since <time>');
    const bad = await dynamite(
      'reapply-erasures',
      'test/erasure-modules/eraser.ts',
      '--since',
      'yesterday',
    );
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('--since must be an RFC 3339 date-time with a zone');
    const tablesOnly = await dynamite(
      'reapply-erasures',
      'test/erasure-modules/pass.ts',
      '--since',
      '2026-01-01T00:00:00Z',
    );
    expect(tablesOnly.code).toBe(3);
    expect(tablesOnly.stderr).toContain('exports no eraser');
    expect(tablesOnly.stderr).not.toContain('    at ');
  });
});
