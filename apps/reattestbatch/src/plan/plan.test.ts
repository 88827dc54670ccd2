import { describe, expect, it } from 'vitest';
import type { BatchRecord } from '../source/load-records.js';
import { planBatchGroups } from './groups.js';

const record = (groupId: string, hostname: string, iso: string, rev = 1): BatchRecord => ({
  groupId,
  hostname,
  owner: 'https://me.example',
  type: 'e',
  validateTime: new Date(iso),
  rev,
});

describe('planBatchGroups', () => {
  it('groups by group ID, hostnames sorted, oldest-validated group first, then by group ID', () => {
    const groups = planBatchGroups([
      record('g2', 'b.example', '2026-11-20T00:00:00Z'),
      record('g1', 'z.example', '2026-11-22T00:00:00Z'),
      record('g2', 'a.example', '2026-11-21T00:00:00Z'),
      record('g1', 'y.example', '2026-11-10T00:00:00Z'),
      record('g0', 'x.example', '2026-11-10T00:00:00Z'),
    ]);
    expect(groups.map((g) => [g.groupId, g.hostnames, g.oldestValidateTime.toISOString()])).toEqual(
      [
        ['g0', ['x.example'], '2026-11-10T00:00:00.000Z'],
        ['g1', ['y.example', 'z.example'], '2026-11-10T00:00:00.000Z'],
        ['g2', ['a.example', 'b.example'], '2026-11-20T00:00:00.000Z'],
      ],
    );
    expect(groups[1]).toMatchObject({ owner: 'https://me.example', type: 'e' });
    expect(groups[1]!.records.map((r) => r.rev)).toEqual([1, 1]);
  });
});
