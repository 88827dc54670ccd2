import type { ParsedSnapshotRecord } from '@symval/records/snapshot';
import { ownerLink } from '../url/safe-url.js';

/** A group of hostnames attested together under one group ID. */
export interface MemberGroup {
  groupId: string;
  typeCode: string;
  /** Sorted, without duplicates, as stored (the bytes the group ID was made from). */
  hostnames: string[];
  /** The oldest validation time of the group's records: the group is as fresh as its stalest name. */
  validatedAt: Date;
}

/** An owner and their groups, ready to render. */
export interface Member {
  owner: string;
  /** The http(s) URL to link the owner to, or `null` to show plain text. */
  link: string | null;
  priority: boolean;
  groups: MemberGroup[];
  /** Lowercase owner and hostnames, for the filter box. */
  searchText: string;
}

/** Groups per type code, and the hostnames in them. */
export interface TypeCount {
  typeCode: string;
  groups: number;
  hostnames: number;
}

// "https://a.example" and "http://a.example" sort together; the scheme says little to a reader.
function sortKey(owner: string): string {
  return owner.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').toLowerCase();
}

/** Orders owners: by name without the URL scheme, case-insensitively, then exactly. */
export function compareOwners(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareGroups(a: MemberGroup, b: MemberGroup): number {
  if (a.typeCode !== b.typeCode) return a.typeCode < b.typeCode ? -1 : 1;
  const ha = a.hostnames[0] ?? '';
  const hb = b.hostnames[0] ?? '';
  return ha < hb ? -1 : ha > hb ? 1 : 0;
}

/**
 * Groups the entries of the snapshot (as `readSnapshotDocument` gives them) by group ID and
 * the groups by owner: the priority owner first, the rest in {@link compareOwners} order.
 * Records claiming the same group ID under different owners or types are kept apart, so a
 * malformed record cannot attach a name to someone else.
 *
 * @example
 * groupMembers(records, 'https://zq.suns.bz//:sdʇʇɥ')[0]?.owner; // the priority owner, when present
 */
export function groupMembers(
  records: readonly ParsedSnapshotRecord[],
  priorityOwner: string | null,
): Member[] {
  const byOwner = new Map<string, Map<string, MemberGroup>>();
  for (const record of records) {
    let groups = byOwner.get(record.Owner);
    if (!groups) {
      groups = new Map();
      byOwner.set(record.Owner, groups);
    }
    // The reader gave ValidateTime in its normal UTC form, which Date reads exactly.
    const validatedAt = new Date(record.ValidateTime);
    const key = `${record.Type}\u0000${record.GroupID}`;
    let group = groups.get(key);
    if (!group) {
      group = { groupId: record.GroupID, typeCode: record.Type, hostnames: [], validatedAt };
      groups.set(key, group);
    }
    if (!group.hostnames.includes(record.Hostname)) group.hostnames.push(record.Hostname);
    if (validatedAt < group.validatedAt) group.validatedAt = validatedAt;
  }
  const members: Member[] = [];
  for (const [owner, groupMap] of byOwner) {
    const groups = [...groupMap.values()];
    for (const group of groups) group.hostnames.sort();
    groups.sort(compareGroups);
    const names = groups.flatMap((g) => g.hostnames).join('\n');
    members.push({
      owner,
      link: ownerLink(owner),
      priority: owner === priorityOwner,
      groups,
      searchText: `${owner}\n${names}`.toLowerCase(),
    });
  }
  members.sort((a, b) =>
    a.priority !== b.priority ? (a.priority ? -1 : 1) : compareOwners(a.owner, b.owner),
  );
  return members;
}

/** Counts groups and hostnames per type code, in code order. */
export function countByType(members: readonly Member[]): TypeCount[] {
  const counts = new Map<string, TypeCount>();
  for (const member of members) {
    for (const group of member.groups) {
      let count = counts.get(group.typeCode);
      if (!count) {
        count = { typeCode: group.typeCode, groups: 0, hostnames: 0 };
        counts.set(group.typeCode, count);
      }
      count.groups++;
      count.hostnames += group.hostnames.length;
    }
  }
  return [...counts.values()].sort((a, b) => (a.typeCode < b.typeCode ? -1 : 1));
}

/**
 * The members matching a filter: `query` (case-insensitive) matches an owner or a hostname;
 * `typeCode` keeps only groups of that type. When the owner matches, all their (type-matching)
 * groups stay; otherwise only the groups with a matching hostname.
 */
export function filterMembers(
  members: readonly Member[],
  query: string,
  typeCode: string,
): Member[] {
  const needle = query.trim().toLowerCase();
  if (needle === '' && typeCode === '') return [...members];
  const out: Member[] = [];
  for (const member of members) {
    if (needle !== '' && !member.searchText.includes(needle)) continue;
    const ownerMatches = needle === '' || member.owner.toLowerCase().includes(needle);
    const groups = member.groups.filter(
      (group) =>
        (typeCode === '' || group.typeCode === typeCode) &&
        (ownerMatches || group.hostnames.some((name) => name.toLowerCase().includes(needle))),
    );
    if (groups.length > 0)
      out.push(groups.length === member.groups.length ? member : { ...member, groups });
  }
  return out;
}
