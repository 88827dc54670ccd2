import type { ParsedSnapshotRecord, SymmetryCode } from '@symval/records/snapshot';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareOwners, countByType, filterMembers, groupMembers } from './group.js';

const PRIORITY = 'https://zq.suns.bz//:sdʇʇɥ';

const DEFAULT_TIME = '2025-01-03T00:00:00Z';

/** An entry as the reader gives it (grouping does not look inside group IDs). */
function rec(
  owner: string,
  type: SymmetryCode,
  hostname: string,
  groupId: string,
  at = DEFAULT_TIME,
): ParsedSnapshotRecord {
  return { Owner: owner, Type: type, Hostname: hostname, GroupID: groupId, ValidateTime: at };
}

describe('groupMembers', () => {
  it('groups records by group ID and groups by owner', () => {
    const members = groupMembers(
      [
        rec('https://b.example', 'e', 'me.example.com', 'g1', '2025-01-02T00:00:00Z'),
        rec('https://b.example', 'e', 'com.example.me', 'g1', '2025-01-01T00:00:00Z'),
        rec('https://b.example', 'a', 'aba.example', 'g2'),
        rec('https://b.example', 'a', 'aba.example', 'g2'),
      ],
      null,
    );
    expect(members).toHaveLength(1);
    expect(members[0]!.groups).toEqual([
      {
        groupId: 'g2',
        typeCode: 'a',
        hostnames: ['aba.example'],
        validatedAt: new Date(DEFAULT_TIME),
      },
      {
        groupId: 'g1',
        typeCode: 'e',
        hostnames: ['com.example.me', 'me.example.com'],
        validatedAt: new Date('2025-01-01T00:00:00Z'),
      },
    ]);
  });

  it('puts the priority owner first, then the rest by name without scheme, ignoring case', () => {
    const owners = [
      'https://zeta.example',
      'http://Beta.example',
      PRIORITY,
      'alpha',
      'https://beta.example',
      'https://alpha.example',
    ];
    const members = groupMembers(
      owners.map((owner, i) => rec(owner, 'a', `h${i}.example`, `g${i}`)),
      PRIORITY,
    );
    expect(members.map((m) => m.owner)).toEqual([
      PRIORITY,
      'alpha',
      'https://alpha.example',
      'http://Beta.example',
      'https://beta.example',
      'https://zeta.example',
    ]);
    expect(members.map((m) => m.priority)).toEqual([true, false, false, false, false, false]);
  });

  it('keeps records claiming one group ID under two owners apart', () => {
    const members = groupMembers(
      [
        rec('https://a.example', 'a', 'aba.example', 'g1'),
        rec('https://z.example', 'a', 'zz.example', 'g1'),
      ],
      null,
    );
    expect(members.map((m) => [m.owner, m.groups.flatMap((g) => g.hostnames)])).toEqual([
      ['https://a.example', ['aba.example']],
      ['https://z.example', ['zz.example']],
    ]);
  });

  it('links only http(s) owners', () => {
    const members = groupMembers(
      [
        rec('javascript:alert(1)', 'a', 'a.example', 'g1'),
        rec('https://ok.example', 'a', 'b.example', 'g2'),
      ],
      null,
    );
    expect(members.map((m) => m.link)).toEqual([null, 'https://ok.example/']);
  });

  it('lists every owner exactly once, in compareOwners order after the priority owner', () => {
    const owner = fc.constantFrom(
      'https://a.example',
      'http://A.example',
      'b',
      PRIORITY,
      'https://c.example/x',
      'C',
    );
    const record = fc
      .record({
        owner,
        type: fc.constantFrom<SymmetryCode>('a', 'e'),
        hostname: fc.constantFrom('x.example', 'y.example'),
        groupId: fc.constantFrom('g1', 'g2'),
      })
      .map((r) => rec(r.owner, r.type, r.hostname, r.groupId));
    fc.assert(
      fc.property(fc.array(record), (raw) => {
        const members = groupMembers(raw, PRIORITY);
        const names = members.map((m) => m.owner);
        expect(new Set(names).size).toBe(names.length);
        expect(new Set(names)).toEqual(new Set(raw.map((r) => r.Owner)));
        const rest = names.filter((n) => n !== PRIORITY);
        if (names.includes(PRIORITY)) expect(names[0]).toBe(PRIORITY);
        expect(rest).toEqual([...rest].sort(compareOwners));
        const hostnames = members.reduce(
          (n, m) => n + m.groups.reduce((k, g) => k + g.hostnames.length, 0),
          0,
        );
        expect(hostnames).toBe(
          new Set(raw.map((r) => `${r.Owner} ${r.Type} ${r.GroupID} ${r.Hostname}`)).size,
        );
      }),
    );
  });
});

describe('countByType', () => {
  it('counts groups and hostnames per type in code order', () => {
    const members = groupMembers(
      [
        rec('o', 'e', 'x.example', 'g1'),
        rec('o', 'e', 'y.example', 'g1'),
        rec('p', 'a', 'z.example', 'g2'),
        rec('p', 'a', 'w.example', 'g3'),
      ],
      null,
    );
    expect(countByType(members)).toEqual([
      { typeCode: 'a', groups: 2, hostnames: 2 },
      { typeCode: 'e', groups: 1, hostnames: 2 },
    ]);
  });
});

describe('filterMembers', () => {
  const members = groupMembers(
    [
      rec('https://alice.example', 'a', 'aba.example', 'g1'),
      rec('https://alice.example', 'b', 'zq.suns.bz', 'g2'),
      rec('https://bob.example', 'a', 'xyx.alice.example', 'g3'),
      rec('https://bob.example', 'e', 'me.example.com', 'g4'),
    ],
    null,
  );

  it('returns everything for an empty filter', () => {
    expect(filterMembers(members, '  ', '')).toEqual(members);
  });

  it('keeps all groups of a matching owner, and only matching groups of an owner matched by hostname', () => {
    const shown = filterMembers(members, 'ALICE', '');
    expect(shown.map((m) => [m.owner, m.groups.map((g) => g.groupId)])).toEqual([
      ['https://alice.example', ['g1', 'g2']],
      ['https://bob.example', ['g3']],
    ]);
  });

  it('finds a hostname stored with capitals (kept as stored: its group ID is hashed from them)', () => {
    const stored = groupMembers([rec('https://old.example', 'a', 'Aba.Example', 'g9')], null);
    expect(stored[0]!.groups[0]!.hostnames).toEqual(['Aba.Example']);
    expect(filterMembers(stored, 'aba.ex', '').map((m) => m.owner)).toEqual([
      'https://old.example',
    ]);
  });

  it('keeps only groups of the chosen type', () => {
    expect(
      filterMembers(members, '', 'e').map((m) => [m.owner, m.groups.map((g) => g.groupId)]),
    ).toEqual([['https://bob.example', ['g4']]]);
    expect(filterMembers(members, 'alice', 'b').map((m) => m.owner)).toEqual([
      'https://alice.example',
    ]);
  });
});
