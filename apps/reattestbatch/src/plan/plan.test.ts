import type { AttestResult } from '@symval/attestation';
import { describe, expect, it } from 'vitest';
import type { BatchRecord } from '../source/load-records.js';
import { decideGroupAction } from './decide.js';
import { groupRecords } from './groups.js';

const record = (groupId: string, hostname: string, iso: string, rev = 1): BatchRecord => ({
  groupId,
  hostname,
  owner: 'https://me.example',
  type: 'e',
  validateTime: new Date(iso),
  rev,
});

describe('groupRecords', () => {
  it('groups by group ID, hostnames sorted, oldest-validated group first', () => {
    const groups = groupRecords([
      record('g2', 'b.example', '2026-11-20T00:00:00Z'),
      record('g1', 'z.example', '2026-11-22T00:00:00Z'),
      record('g2', 'a.example', '2026-11-21T00:00:00Z'),
      record('g1', 'y.example', '2026-11-10T00:00:00Z'),
      record('g0', 'x.example', '2026-11-10T00:00:00Z'),
    ]);
    expect(groups.map((g) => [g.groupId, g.domains, g.oldestValidateTime.toISOString()])).toEqual([
      ['g0', ['x.example'], '2026-11-10T00:00:00.000Z'],
      ['g1', ['y.example', 'z.example'], '2026-11-10T00:00:00.000Z'],
      ['g2', ['a.example', 'b.example'], '2026-11-20T00:00:00.000Z'],
    ]);
    expect(groups[1]).toMatchObject({ owner: 'https://me.example', type: 'e' });
  });
});

describe('decideGroupAction', () => {
  const group = groupRecords([record('g1', 'a.example', '2026-11-20T00:00:00Z')])[0]!;
  const graceMs = 72 * 3_600_000;
  const result = (status: AttestResult['status'], expectedId = 'g1') =>
    ({ status, expectedId }) as AttestResult;
  const at = (iso: string) => ({ now: new Date(iso), graceMs });

  it('refreshes a group valid as stored', () => {
    expect(decideGroupAction(group, result('valid'), at('2026-12-30T00:00:00Z'))).toEqual({
      kind: 'refresh',
      status: 'valid',
    });
  });

  it('treats a valid attestation of another group ID as invalid', () => {
    expect(decideGroupAction(group, result('valid', 'g9'), at('2026-11-21T00:00:00Z'))).toEqual({
      kind: 'keep',
      status: 'invalid',
    });
  });

  it('keeps an invalid group within grace and deletes it after', () => {
    expect(decideGroupAction(group, result('invalid'), at('2026-11-21T00:00:00Z')).kind).toBe(
      'keep',
    );
    // Exactly 72 h is still within grace.
    expect(decideGroupAction(group, result('invalid'), at('2026-11-23T00:00:00Z')).kind).toBe(
      'keep',
    );
    expect(decideGroupAction(group, result('invalid'), at('2026-11-23T00:00:00.001Z')).kind).toBe(
      'delete',
    );
  });

  it('never deletes an indeterminate group, however old', () => {
    expect(decideGroupAction(group, result('indeterminate'), at('2030-01-01T00:00:00Z'))).toEqual({
      kind: 'keep',
      status: 'indeterminate',
    });
  });
});
