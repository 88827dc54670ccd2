// Snapshot fixtures in the shape the Go writer (and the streamer) publish:
// a 2-space-indented JSON array of { Owner, Type, Hostname, GroupID, ValidateTime, Rev? }.
import { calculateGroupIdV1 } from '@symval/groupid';

/** One snapshot entry as it appears in records/domains.json. */
export interface RawRecord {
  Owner: string;
  Type: string;
  Hostname: string;
  GroupID: string;
  ValidateTime: string;
  Rev?: number;
}

/** The records of one group: one entry per hostname, all with the same group ID. */
export function groupRecords(
  owner: string,
  type: string,
  hostnames: readonly string[],
  validateTime = '2026-11-20T03:14:15.926535897Z',
): RawRecord[] {
  const groupId = calculateGroupIdV1(owner, type, hostnames);
  return hostnames.map((hostname, index) => ({
    Owner: owner,
    Type: type,
    Hostname: hostname,
    GroupID: groupId,
    ValidateTime: validateTime,
    Rev: index + 1,
  }));
}

/** The default priority owner. */
export const PRIORITY_OWNER = 'https://zq.suns.bz//:sdʇʇɥ';

/**
 * A small club: the priority owner, owners that sort differently with and without the URL
 * scheme and case, a non-URL owner, and one group of every type.
 */
export function membersFixture(): RawRecord[] {
  return [
    ...groupRecords('https://dave.example/', 'c', ['zq.su', 'ns.bz'], '2026-11-21T10:00:00+02:00'),
    ...groupRecords('http://bob.example', 'e', ['me.example.com', 'com.example.me']),
    ...groupRecords(PRIORITY_OWNER, 'b', ['zq.suns.bz']),
    ...groupRecords('Carol Example', 'g', ['com.example.www.example.com']),
    ...groupRecords('https://Alice.example', 'a', ['zb.snus.suns.bz']),
    ...groupRecords('https://alice.example/blog', 'd', ['duq.xodbox.pub']),
    ...groupRecords('https://erin.example', 'f', ['su.suns.bz', 'zb.snus.us']),
    ...groupRecords('https://erin.example', 'h', ['ood.pub', 'duq.boo']),
    ...groupRecords(PRIORITY_OWNER, 'a', ['zb.snus.suns.bz']),
  ];
}

/** The owners of {@link membersFixture} in the order the page must list them. */
export const MEMBERS_ORDER = [
  PRIORITY_OWNER,
  'https://Alice.example',
  'https://alice.example/blog',
  'http://bob.example',
  'Carol Example',
  'https://dave.example/',
  'https://erin.example',
];

/** Owner strings that try to become markup or script. */
export const HOSTILE_OWNERS = [
  '<img src=x onerror="window.__pwned=1">',
  'javascript:alert(1)',
  '"><script>window.__pwned=2</script>',
  'JaVaScRiPt:window.__pwned=3',
  ' javascript:window.__pwned=4',
  'java\tscript:window.__pwned=5',
  'data:text/html,<script>window.__pwned=6</script>',
  "https://evil.example/\"><img src=x onerror='window.__pwned=7'>",
  'https://user:secret@evil.example/',
  '<svg/onload=window.__pwned=8>',
];

/** Hostnames (and other fields) that try the same. */
export function hostileFixture(): unknown[] {
  const time = '2026-11-20T00:00:00Z';
  // Valid entries apart from the strings: the site reads the snapshot with the same rules as
  // re-attestation, so only well-formed entries are shown, and those must still be inert.
  const entry = (owner: string, type: string, hostname: string) => ({
    Owner: owner,
    Type: type,
    Hostname: hostname,
    GroupID: calculateGroupIdV1(owner, type, [hostname]),
    ValidateTime: time,
  });
  return [
    ...HOSTILE_OWNERS.map((owner, index) => entry(owner, 'a', `aba${index}.example`)),
    // A hostname may hold no whitespace, so these attacks use "/" where markup takes a space.
    entry('https://host.example', 'a', '<img/src=x/onerror=window.__pwned=9>'),
    entry('https://host.example', 'b', '"><iframe/src="javascript:window.__pwned=10">'),
    entry('https://host.example', 'e', 'javascript:alert(12)//.example'),
    // Malformed entries the page must skip rather than fail on.
    null,
    42,
    'a string',
    [],
    { Owner: 5, Type: 'a', Hostname: 'x.example', GroupID: 'g4' },
    { Owner: 'https://skip.example', Type: 'a', GroupID: 'g5' },
    {
      Owner: 'https://host.example',
      Type: '<b>x',
      Hostname: 'typed.example',
      GroupID: 'javascript:alert(11)',
      ValidateTime: '<script>',
    },
  ];
}

/**
 * A snapshot of `count` records, most in groups of one, some pairs, spread over about
 * `count / 3` owners, as a large club would have.
 */
export function largeFixture(count: number): RawRecord[] {
  return [...largeRecords(count)];
}

/**
 * The records of {@link largeFixture} one at a time, for a club too big to hold as objects
 * (the benchmark's 1,000,000). Owner numbers are padded to 7 digits past 99,999 owners.
 */
export function* largeRecords(count: number): Generator<RawRecord> {
  const pairs = ['e', 'c', 'f', 'h'];
  const singles = ['a', 'b', 'd', 'g'];
  const digits = count > 200_000 ? 7 : 5;
  let made = 0;
  for (let i = 0; made < count; i++) {
    const owner = `https://member${String(Math.floor(i / 2)).padStart(digits, '0')}.example`;
    let group: RawRecord[];
    if (i % 4 === 3 && made + 2 <= count) {
      const type = pairs[i % pairs.length]!;
      group = groupRecords(owner, type, [`me${i}.example.com`, `com.example.me${i}`]);
    } else {
      const type = singles[i % singles.length]!;
      group = groupRecords(owner, type, [`n${i}.snus.suns.bz`]);
    }
    made += group.length;
    yield* group;
  }
}

/** JSON as the Go writer formats it. */
export function toSnapshotJson(data: unknown): string {
  return JSON.stringify(data, null, 2);
}
