import { calculateGroupIdV1 } from '@symval/groupid';
import { describeValue, RecordsError } from '../errors.js';
import { isSymmetryCode, type SymmetryCode } from '../table/symmetry-code.js';
import type { AttestedRecordLike } from '../table/viewers.js';

/** DynamoDB takes at most 100 operations in one transaction. */
export const MAX_GROUP_SIZE = 100;

/** A group of attested records, checked: one group ID, owner and type, distinct hostnames. */
export interface AttestedGroup {
  readonly groupId: string;
  readonly owner: string;
  readonly type: SymmetryCode;
  readonly hostnames: readonly string[];
  readonly validateTime: readonly Date[];
}

function invalid(message: string, index?: number, field?: string, received?: unknown): never {
  throw new RecordsError('input.invalid', message, {
    ...(index !== undefined ? { index } : {}),
    ...(field !== undefined ? { field } : {}),
    received,
  });
}

/**
 * Checks the records of one attested group before anything is written: 1 to 100 records, the
 * same group ID, owner and type on each, distinct non-empty hostnames, valid times, and a
 * group ID that is exactly the v1 ID of that owner, type and hostnames (the database cannot
 * enforce it, so the application does).
 */
export function validateAttestedGroup(records: readonly AttestedRecordLike[]): AttestedGroup {
  if (!Array.isArray(records) || records.length === 0 || records.length > MAX_GROUP_SIZE) {
    invalid(
      `upsertAttested needs the 1 to ${MAX_GROUP_SIZE} records of one group, received ${describeValue(records)}`,
    );
  }
  const first = records[0]!;
  const seen = new Set<string>();
  records.forEach((record, index) => {
    if (typeof record !== 'object' || record === null) {
      invalid(`record ${index} must be an object, received ${describeValue(record)}`, index);
    }
    for (const field of ['groupId', 'owner', 'hostname'] as const) {
      const value = record[field];
      if (typeof value !== 'string' || value.length === 0) {
        invalid(
          `record ${index}: ${field} must be a non-empty string, received ${describeValue(value)}`,
          index,
          field,
          value,
        );
      }
    }
    if (!isSymmetryCode(record.type)) {
      invalid(
        `record ${index}: type must be a symmetry code a..h, received ${describeValue(record.type)}`,
        index,
        'type',
        record.type,
      );
    }
    if (!(record.validateTime instanceof Date) || Number.isNaN(record.validateTime.getTime())) {
      invalid(
        `record ${index}: validateTime must be a valid Date, received ${describeValue(record.validateTime)}`,
        index,
        'validateTime',
        record.validateTime,
      );
    }
    for (const field of ['groupId', 'owner', 'type'] as const) {
      if (record[field] !== first[field]) {
        invalid(
          `record ${index}: every record of a group has the same ${field}; record 0 has ${describeValue(first[field])}, this one ${describeValue(record[field])}`,
          index,
          field,
          record[field],
        );
      }
    }
    if (seen.has(record.hostname)) {
      invalid(
        `record ${index}: hostname ${describeValue(record.hostname)} appears twice`,
        index,
        'hostname',
        record.hostname,
      );
    }
    seen.add(record.hostname);
  });
  const hostnames = records.map((r) => r.hostname);
  let expected: string;
  try {
    expected = calculateGroupIdV1(first.owner, first.type, hostnames);
  } catch (error) {
    return invalid(
      `the group ID cannot be calculated from these records: ${(error as Error).message}`,
      undefined,
      'groupId',
      first.groupId,
    );
  }
  if (expected !== first.groupId) {
    invalid(
      `groupId ${describeValue(first.groupId)} is not the v1 ID of this owner, type and hostnames; expected ${expected}`,
      0,
      'groupId',
      first.groupId,
    );
  }
  return {
    groupId: first.groupId,
    owner: first.owner,
    type: first.type,
    hostnames,
    validateTime: records.map((r) => r.validateTime),
  };
}
