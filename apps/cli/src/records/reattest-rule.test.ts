import { type AttestResult, decideReattestAction } from '@symval/attestation';
import { groupStoredRecords } from '@symval/records';
import { describe, expect, it } from 'vitest';
import { explainReattestDecision } from './reattest-rule.js';

const HOUR = 3_600_000;
const NOW = new Date('2025-10-10T00:00:00Z');
const options = { now: NOW, graceMs: 72 * HOUR };

function groupValidatedHoursAgo(hours: number) {
  return groupStoredRecords([
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

// The decision as reattestStoredGroups makes it, in the CLI's words.
function explain(group: ReturnType<typeof groupValidatedHoursAgo>, attested: AttestResult) {
  return explainReattestDecision(
    { group, result: attested, action: decideReattestAction(group, attested, options) },
    options.graceMs,
  );
}

describe('explainReattestDecision', () => {
  it('refreshes a group that is valid under its stored ID', () => {
    expect(explain(groupValidatedHoursAgo(500), result('valid')).action).toBe('update');
  });

  it('treats a valid attestation under another ID as invalid', () => {
    const decision = explain(groupValidatedHoursAgo(1), result('valid', 'v1:b:other'));
    expect(decision).toMatchObject({ action: 'keep', status: 'invalid' });
  });

  it('keeps an invalid group within the grace period and says when it becomes deletable', () => {
    const decision = explain(groupValidatedHoursAgo(72), result('invalid'));
    expect(decision.action).toBe('keep');
    expect(decision.deletableAfter).toEqual(NOW);
  });

  it('deletes an invalid group once the grace period is over', () => {
    const decision = explain(groupValidatedHoursAgo(73), result('invalid'));
    expect(decision.action).toBe('delete');
    expect(decision.why).toContain('zq.suns.bz has no claim');
  });

  it('never deletes an indeterminate group, however old', () => {
    for (const hours of [0, 73, 100_000]) {
      expect(explain(groupValidatedHoursAgo(hours), result('indeterminate')).action).toBe('keep');
    }
  });

  it('keeps a group held for an operator, past grace or not, and says why', () => {
    const group = groupValidatedHoursAgo(500);
    const decision = explainReattestDecision(
      {
        group,
        result: {
          ...result('invalid'),
          reasons: [{ code: 'symmetry-failed', message: 'no mirror' }],
        },
        action: { kind: 'keep', status: 'invalid', held: 'symmetry' },
      },
      options.graceMs,
    );
    expect(decision).toEqual({
      action: 'keep',
      status: 'invalid',
      held: 'symmetry',
      why: "kept for an operator, never deleted by re-attestation: its hostnames lack the type's symmetry by today's rules, but every claim still carries its ID (no mirror)",
    });
  });
});
