import type { SymmetryCode } from '../table/symmetry-code.js';

/**
 * One entry of the public snapshot `records/domains.json`, with the field names and order of
 * the Go implementation (`Rev` added; existing readers ignore it).
 */
export interface SnapshotRecord {
  readonly Owner: string;
  readonly Type: SymmetryCode;
  readonly Hostname: string;
  readonly GroupID: string;
  /** RFC 3339, normalised to UTC as Go writes it (see `formatValidateTime`). */
  readonly ValidateTime: string;
  readonly Rev: number;
}

/** A snapshot entry as read: files written by the Go implementation have no `Rev`. */
export type ParsedSnapshotRecord = Omit<SnapshotRecord, 'Rev'> & { readonly Rev?: number };
