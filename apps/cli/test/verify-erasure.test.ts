import { describe, expect, it } from 'vitest';
import { runSymval } from './run-cli.js';

describe('symval verify-erasure on the real records schema', () => {
  it('passes with exit code 0: the owner is erased by deleting its records', async () => {
    const result = await runSymval(['verify-erasure']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'erasure: PASS (1 table, 0 failures, 0 to review, 0 notes)',
        '',
        'tables:',
        '  domain-records  [subject] rows deleted',
        '    - rows found from the subject id by index byOwner',
        '    * owner (identifier): erased by delete',
        '',
      ].join('\n'),
    );
  });

  it("exits 2, needs review, with dynamite's checkpoint table, as dynamite verify-erasure does", async () => {
    const result = await runSymval(['verify-erasure', '--with-checkpoints', '--json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.status).toBe('review');
    expect(report.findings).toMatchObject([
      { severity: 'review', code: 'decision.none', table: 'dynamite-erasure-checkpoints' },
      // A run's stored plan holds the values it removes, until the run no longer needs it.
      {
        severity: 'review',
        code: 'attribute.kept',
        table: 'dynamite-erasure-checkpoints',
        attribute: 'chunk',
      },
      // The erasure ledger keeps each erased owner's id, to erase again after a restore.
      {
        severity: 'review',
        code: 'reference.survives',
        table: 'dynamite-erasure-checkpoints',
        attribute: 'subjectId',
      },
    ]);
  });
});
