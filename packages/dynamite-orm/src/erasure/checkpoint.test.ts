// The checkpoint table's entry in the data map: the stored plan holds the data being erased,
// so verifyErasure lists it as personal, kept, with how long and why.
import { describe, expect, it } from 'vitest';
import { erasureCheckpoints } from './checkpoint.js';
import { verifyErasure } from './verify.js';

describe('the checkpoint table in verifyErasure', () => {
  const report = verifyErasure([erasureCheckpoints as never]);
  const table = report.tables.find((t) => t.table === erasureCheckpoints.name)!;

  it('lists the plan slices as personal data kept, with their retention', () => {
    const chunk = table.personal.find((p) => p.path === 'chunk');
    expect(chunk).toMatchObject({ category: 'erasure-plan', erasedBy: 'nothing' });
    expect(chunk?.kept).toContain('planRetentionDays (default 30) after the run started');
    expect(chunk?.kept).toContain('deleted as soon as a run finishes with nothing kept');
    expect(table.personal.map((p) => p.path).sort()).toEqual(['chunk', 'subjectId']);
  });

  it('asks the operator to review the kept plan slices', () => {
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        severity: 'review',
        code: 'attribute.kept',
        table: erasureCheckpoints.name,
        attribute: 'chunk',
      }),
    );
  });

  it('fails nothing: every personal attribute says why it is kept', () => {
    expect(report.findings.filter((f) => f.severity === 'fail')).toEqual([]);
  });
});
