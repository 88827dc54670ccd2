import { describe, expect, it } from 'vitest';
import { decideReattestAction } from './decide.js';
import type { AttestResult } from './types.js';

describe('decideReattestAction', () => {
  const group = { groupId: 'g1', oldestValidateTime: new Date('2026-11-20T00:00:00Z') };
  const graceMs = 72 * 3_600_000;
  const result = (status: AttestResult['status'], expectedId = 'g1') =>
    ({ status, expectedId }) as AttestResult;
  const at = (iso: string) => ({ now: new Date(iso), graceMs });

  it('refreshes a group valid as stored', () => {
    expect(decideReattestAction(group, result('valid'), at('2026-12-30T00:00:00Z'))).toEqual({
      kind: 'refresh',
      status: 'valid',
    });
  });

  it('treats a valid attestation of another group ID as invalid', () => {
    expect(decideReattestAction(group, result('valid', 'g9'), at('2026-11-21T00:00:00Z'))).toEqual({
      kind: 'keep',
      status: 'invalid',
    });
  });

  it('keeps an invalid group within grace and deletes it after', () => {
    expect(decideReattestAction(group, result('invalid'), at('2026-11-21T00:00:00Z')).kind).toBe(
      'keep',
    );
    // Exactly 72 h is still within grace.
    expect(decideReattestAction(group, result('invalid'), at('2026-11-23T00:00:00Z')).kind).toBe(
      'keep',
    );
    expect(
      decideReattestAction(group, result('invalid'), at('2026-11-23T00:00:00.001Z')).kind,
    ).toBe('delete');
  });

  it('never deletes an indeterminate group, however old', () => {
    expect(
      decideReattestAction(group, result('indeterminate'), at('2030-01-01T00:00:00Z')),
    ).toEqual({
      kind: 'keep',
      status: 'indeterminate',
    });
  });
});
