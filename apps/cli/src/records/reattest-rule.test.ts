import type { AttestResult } from '@symval/attestation';
import { describe, expect, it } from 'vitest';
import { groupRecords } from './groups.js';
import { explainReattestDecision } from './reattest-rule.js';

const HOUR = 3_600_000;
const NOW = new Date('2025-10-10T00:00:00Z');
const options = { now: NOW, graceMs: 72 * HOUR };

function groupValidatedHoursAgo(hours: number) {
  return groupRecords([
    {
      groupId: 'v1:b:id',
      hostname: 'zq.suns.bz',
      owner: 'https://me.example',
      type: 'b',
      validateTime: new Date(NOW.getTime() - hours * HOUR),
      rev: 1,
    },
  ])[0]!;
}

function result(status: AttestResult['status'], expectedId = 'v1:b:id'): AttestResult {
  return {
    status,
    expectedId,
    type: null,
    hostnames: ['zq.suns.bz'],
    claims: [],
    reasons:
      status === 'valid' ? [] : [{ code: 'missing-claim', message: 'zq.suns.bz has no claim' }],
    ignoredRecords: [],
    groupIdCount: 0,
  };
}

describe('explainReattestDecision', () => {
  it('refreshes a group that is valid under its stored ID', () => {
    expect(
      explainReattestDecision(groupValidatedHoursAgo(500), result('valid'), options).action,
    ).toBe('update');
  });

  it('treats a valid attestation under another ID as invalid', () => {
    const decision = explainReattestDecision(
      groupValidatedHoursAgo(1),
      result('valid', 'v1:b:other'),
      options,
    );
    expect(decision).toMatchObject({ action: 'keep', status: 'invalid' });
  });

  it('keeps an invalid group within the grace period and says when it becomes deletable', () => {
    const decision = explainReattestDecision(
      groupValidatedHoursAgo(72),
      result('invalid'),
      options,
    );
    expect(decision.action).toBe('keep');
    expect(decision.deletableAfter).toEqual(NOW);
  });

  it('deletes an invalid group once the grace period is over', () => {
    const decision = explainReattestDecision(
      groupValidatedHoursAgo(73),
      result('invalid'),
      options,
    );
    expect(decision.action).toBe('delete');
    expect(decision.why).toContain('zq.suns.bz has no claim');
  });

  it('never deletes an indeterminate group, however old', () => {
    for (const hours of [0, 73, 100_000]) {
      expect(
        explainReattestDecision(groupValidatedHoursAgo(hours), result('indeterminate'), options)
          .action,
      ).toBe('keep');
    }
  });
});
