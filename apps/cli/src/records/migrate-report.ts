import { normalizeHostname } from '@symval/groupid';
import {
  groupStoredRecords,
  type StoredItemAudit,
  type StoredRecord,
  storedRecordFromTable,
} from '@symval/records';
import type { SnapshotEntryProblem } from '@symval/records/snapshot';
import { checkStoredGroup } from './check-group.js';

/**
 * What a migration finds on a record. Notes are the existing club's shapes that symval reads
 * and keeps as they are; problems need an operator.
 */
export type MigrateFindingCode =
  | 'unreadable'
  | 'type-unknown'
  | 'rev-missing'
  | 'hostname-not-normal'
  | 'hostname-invalid'
  | 'id-from-stored-bytes'
  | 'id-mismatch'
  | 'mixed-owner'
  | 'mixed-type'
  | 'symmetry-failed'
  | 'owner-conflict'
  | 'extra-attributes'
  | 'not-in-snapshot'
  | 'not-in-table';

const NOTES: ReadonlySet<MigrateFindingCode> = new Set([
  'rev-missing',
  'hostname-not-normal',
  'id-from-stored-bytes',
  'extra-attributes',
  'not-in-snapshot',
  'not-in-table',
]);

/** One finding on one record. */
export interface MigrateFinding {
  code: MigrateFindingCode;
  severity: 'problem' | 'note';
  message: string;
}

/** One record (a table item or a snapshot entry) and what was found on it. */
export interface MigrateRecordReport {
  source: 'table' | 'snapshot';
  /** The entry's position in the snapshot file (snapshot records only). */
  index?: number;
  groupId: string | null;
  hostname: string | null;
  owner: string | null;
  type: string | null;
  /** The stored Rev; `null` when it has none. */
  rev: number | null;
  /** It reads as a record (table: strictly; snapshot: the tolerant read kept it). */
  decodes: boolean;
  findings: MigrateFinding[];
}

function finding(code: MigrateFindingCode, message: string): MigrateFinding {
  return { code, severity: NOTES.has(code) ? 'note' : 'problem', message };
}

function keyOf(groupId: string | null | undefined, hostname: string | null | undefined): string {
  return `${groupId ?? ''}\n${hostname ?? ''}`;
}

/**
 * The offline checks of stored records, per record: each group's (`checkStoredGroup`: owner
 * and type agree, hostnames, the ID made from the stored bytes or their normal form, the
 * symmetry), and hostnames stored under two owners (a hostname belongs to one owner).
 */
function checkRecords(records: readonly StoredRecord[]): Map<string, MigrateFinding[]> {
  const out = new Map<string, MigrateFinding[]>();
  const add = (record: StoredRecord, item: MigrateFinding) => {
    const key = keyOf(record.groupId, record.hostname);
    out.set(key, [...(out.get(key) ?? []), item]);
  };
  for (const group of groupStoredRecords(records)) {
    const { problems, notes } = checkStoredGroup(group);
    for (const found of [...problems, ...notes]) {
      for (const record of group.records) {
        if (found.hostname === undefined || found.hostname === record.hostname) {
          add(record, finding(found.code, found.message));
        }
      }
    }
  }
  // A hostname compared in its normal form: `ZQ.suns.bz` and `zq.suns.bz` are one name in DNS.
  const byName = new Map<string, StoredRecord[]>();
  for (const record of records) {
    const normal = normalizeHostname(record.hostname);
    const name = normal.ok ? normal.hostname : record.hostname;
    byName.set(name, [...(byName.get(name) ?? []), record]);
  }
  for (const [name, holders] of byName) {
    const owners = new Set(holders.map((record) => record.owner));
    if (owners.size < 2) continue;
    for (const record of holders) {
      const others = holders.filter((other) => other.owner !== record.owner);
      add(
        record,
        finding(
          'owner-conflict',
          `${name} is also stored under ${others.length === 1 ? 'another owner' : `${others.length} other owners`} (${others.map((o) => `${JSON.stringify(o.owner)} in ${o.groupId}`).join(', ')}); a hostname belongs to one owner`,
        ),
      );
    }
  }
  return out;
}

/** The report of the table's items, audited by `auditStoredItems`. */
export function reportTableItems(items: readonly StoredItemAudit[]): MigrateRecordReport[] {
  const readable = items.filter((item) => item.record !== undefined);
  const checks = checkRecords(readable.map((item) => storedRecordFromTable(item.record!)));
  return items.map((item) => {
    const findings: MigrateFinding[] = [];
    if (!item.record) {
      for (const issue of item.issues) {
        const code = issue.path === 'type' ? 'type-unknown' : 'unreadable';
        findings.push(
          finding(
            code,
            `${issue.path}: expected ${issue.expected}, stored ${JSON.stringify(issue.received) ?? 'nothing'}`,
          ),
        );
      }
    }
    if (item.revMissing) {
      findings.push(
        finding('rev-missing', 'no Rev: written before the table had one; read as never versioned'),
      );
    }
    if (item.extraAttributes.length > 0) {
      findings.push(
        finding(
          'extra-attributes',
          `also stores ${item.extraAttributes.join(', ')}, which symval neither reads nor changes`,
        ),
      );
    }
    findings.push(...(checks.get(keyOf(item.groupId, item.hostname)) ?? []));
    return {
      source: 'table' as const,
      groupId: item.groupId ?? null,
      hostname: item.hostname ?? null,
      owner: item.owner ?? null,
      type: item.type ?? null,
      rev: item.revMissing ? null : (item.record?.rev ?? null),
      decodes: item.record !== undefined,
      findings,
    };
  });
}

/** A snapshot as the tolerant read gives it: the entries kept (with their index) and the rest. */
export interface SnapshotForReport {
  records: readonly { index: number; record: StoredRecord; revMissing: boolean }[];
  rejected: readonly SnapshotEntryProblem[];
}

/** The report of a snapshot's entries, the ones the tolerant read left out included. */
export function reportSnapshotEntries(snapshot: SnapshotForReport): MigrateRecordReport[] {
  const checks = checkRecords(snapshot.records.map((entry) => entry.record));
  const kept = snapshot.records.map(({ index, record, revMissing }) => ({
    source: 'snapshot' as const,
    index,
    groupId: record.groupId,
    hostname: record.hostname,
    owner: record.owner,
    type: record.type,
    rev: revMissing ? null : (record.rev ?? null),
    decodes: true,
    findings: [
      ...(revMissing
        ? [finding('rev-missing', 'no Rev: the file was written before Rev existed')]
        : []),
      ...(checks.get(keyOf(record.groupId, record.hostname)) ?? []),
    ],
  }));
  const left: MigrateRecordReport[] = snapshot.rejected.map((problem) => ({
    source: 'snapshot',
    index: problem.index,
    groupId: null,
    hostname: null,
    owner: null,
    type: null,
    rev: null,
    decodes: false,
    findings: [finding(problem.field === 'Type' ? 'type-unknown' : 'unreadable', problem.message)],
  }));
  return [...kept, ...left].sort((a, b) => a.index! - b.index!);
}

/**
 * Marks what is in one source and not in the other: a table record the snapshot does not list
 * (the streamer's rebuild lists it), a snapshot entry whose item is gone from the table.
 */
export function crossCheck(
  table: readonly MigrateRecordReport[],
  snapshot: readonly MigrateRecordReport[],
): void {
  const inTable = new Set(table.map((r) => keyOf(r.groupId, r.hostname)));
  const inSnapshot = new Set(
    snapshot.filter((r) => r.decodes).map((r) => keyOf(r.groupId, r.hostname)),
  );
  for (const record of table) {
    if (!inSnapshot.has(keyOf(record.groupId, record.hostname))) {
      record.findings.push(
        finding(
          'not-in-snapshot',
          'the snapshot does not list it; the streamer lists it once it rebuilds or the item changes',
        ),
      );
    }
  }
  for (const record of snapshot) {
    if (record.decodes && !inTable.has(keyOf(record.groupId, record.hostname))) {
      record.findings.push(finding('not-in-table', 'the table has no such item (deleted since?)'));
    }
  }
}

/** How many records carry each finding. */
export function countFindings(
  reports: readonly MigrateRecordReport[],
): Partial<Record<MigrateFindingCode, number>> {
  const counts: Partial<Record<MigrateFindingCode, number>> = {};
  for (const report of reports) {
    for (const code of new Set(report.findings.map((f) => f.code))) {
      counts[code] = (counts[code] ?? 0) + 1;
    }
  }
  return counts;
}
