// The snapshot is public input written by another program: read it tolerantly (skip what is
// broken, ignore unknown fields) and never trust a value's type or size.
import { parseRfc3339 } from './time.js';

/** One hostname's record from `records/domains.json`, checked and renamed. */
export interface SnapshotRecord {
  owner: string;
  typeCode: string;
  hostname: string;
  groupId: string;
  validatedAt: Date | null;
}

/** The records that could be read, and how many entries were skipped as malformed. */
export type ParseSnapshotResult =
  | { ok: true; records: SnapshotRecord[]; skipped: number }
  | { ok: false; message: string };

const LIMITS = { owner: 2048, type: 16, hostname: 253, groupId: 512 } as const;

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : null;
}

/** Reads one entry, or `null` when a required field is missing or unusable. */
export function parseRecord(entry: unknown): SnapshotRecord | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  const raw = entry as Record<string, unknown>;
  const owner = text(raw.Owner, LIMITS.owner);
  const typeCode = text(raw.Type, LIMITS.type);
  const hostname = text(raw.Hostname, LIMITS.hostname);
  const groupId = text(raw.GroupID, LIMITS.groupId);
  if (owner === null || typeCode === null || hostname === null || groupId === null) return null;
  return {
    owner,
    typeCode: typeCode.toLowerCase(),
    hostname: hostname.toLowerCase(),
    groupId,
    validatedAt: parseRfc3339(raw.ValidateTime),
  };
}

/**
 * Checks a parsed `records/domains.json`: it must be an array; entries that are not usable
 * records are counted in `skipped` rather than failing the whole list.
 *
 * @example
 * parseSnapshot([{ Owner: 'https://example.blog', Type: 'a', Hostname: 'aba.example', GroupID: 'v1:a:…', ValidateTime: '2025-10-17T12:00:00Z' }]);
 * // { ok: true, records: [{ owner: 'https://example.blog', typeCode: 'a', … }], skipped: 0 }
 */
export function parseSnapshot(data: unknown): ParseSnapshotResult {
  if (!Array.isArray(data)) {
    const kind = data === null ? 'null' : typeof data === 'object' ? 'an object' : typeof data;
    return { ok: false, message: `the member list should be a JSON array, but it is ${kind}` };
  }
  const records: SnapshotRecord[] = [];
  let skipped = 0;
  for (const entry of data) {
    const record = parseRecord(entry);
    if (record) records.push(record);
    else skipped++;
  }
  return { ok: true, records, skipped };
}
