import { SYMMETRY_CODES, type SymmetryCode } from '../../table/symmetry-code.js';
import type { LayoutCounts, LayoutOwner, LayoutTypeCount } from './types.js';

/** Counts of nothing. */
export const NO_COUNTS: LayoutCounts = Object.freeze({
  owners: 0,
  groups: 0,
  records: 0,
  types: Object.freeze({}),
});

/** The counts of some owners (as a shard holds them). */
export function countOwners(owners: readonly LayoutOwner[]): LayoutCounts {
  let groups = 0;
  let records = 0;
  const types: Partial<Record<SymmetryCode, [number, number, number]>> = {};
  for (const owner of owners) {
    const seen = new Set<SymmetryCode>();
    for (const group of owner.groups) {
      groups++;
      records += group.hosts.length;
      const count = types[group.Type] ?? [0, 0, 0];
      types[group.Type] = count;
      if (!seen.has(group.Type)) {
        seen.add(group.Type);
        count[0]++;
      }
      count[1]++;
      count[2] += group.hosts.length;
    }
  }
  return { owners: owners.length, groups, records, types: sortedTypes(types) };
}

/** The sum of counts of disjoint parts (an owner is never in two shards). */
export function sumCounts(parts: readonly LayoutCounts[]): LayoutCounts {
  let owners = 0;
  let groups = 0;
  let records = 0;
  const types: Partial<Record<SymmetryCode, [number, number, number]>> = {};
  for (const part of parts) {
    owners += part.owners;
    groups += part.groups;
    records += part.records;
    for (const code of SYMMETRY_CODES) {
      const add = part.types[code];
      if (!add) continue;
      const count = types[code] ?? [0, 0, 0];
      types[code] = count;
      count[0] += add[0];
      count[1] += add[1];
      count[2] += add[2];
    }
  }
  return { owners, groups, records, types: sortedTypes(types) };
}

function sortedTypes(
  types: Partial<Record<SymmetryCode, LayoutTypeCount>>,
): Partial<Record<SymmetryCode, LayoutTypeCount>> {
  const out: Partial<Record<SymmetryCode, LayoutTypeCount>> = {};
  for (const code of SYMMETRY_CODES) if (types[code]) out[code] = types[code];
  return out;
}
