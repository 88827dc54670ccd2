import { DynamiteError, transactWrite, type ViewerTable } from '@symval/dynamite-orm';
import { describeValue, RecordsError } from '../errors.js';
import type { DomainRecord, DomainRecordKey, domainRecords } from '../table/domain-records.js';
import type { AttestedRecordLike } from '../table/viewers.js';
import type {
  AddMissingRevResult,
  DeleteIfUnchangedResult,
  SetValidationResult,
  UpsertAttestedResult,
} from './results.js';
import { validateAttestedGroup } from './validate-attested.js';

type Shape = (typeof domainRecords)['~shape'];

/** Options of {@link RecordOperations.upsertAttested}. */
export interface UpsertAttestedOptions {
  /** Attempts when other transactions on the same items cancel this one. Default 4. */
  maxAttempts?: number;
  /** First back-off between attempts, doubled each time. Default 25 ms. */
  retryDelayMs?: number;
}

/** Options of {@link RecordOperations.listAll}. */
export interface ListAllOptions {
  /** Parallel scan segments. Default 1. */
  segments?: number;
  consistentRead?: boolean;
}

function checkKey(key: DomainRecordKey): void {
  if (
    typeof key !== 'object' ||
    key === null ||
    typeof key.groupId !== 'string' ||
    typeof key.hostname !== 'string'
  ) {
    throw new RecordsError(
      'input.invalid',
      `a record key is { groupId, hostname } (strings), received ${describeValue(key)}`,
      { received: key },
    );
  }
}

function checkRev(rev: number): void {
  if (!Number.isSafeInteger(rev) || rev < 0) {
    throw new RecordsError(
      'input.invalid',
      `snapshotRev must be the record's Rev from the snapshot (a non-negative integer), received ${describeValue(rev)}`,
      { field: 'Rev', received: rev },
    );
  }
}

function isRetryableCancellation(error: unknown): error is DynamiteError {
  return (
    error instanceof DynamiteError &&
    error.code === 'transaction.cancelled' &&
    (error.reasons ?? []).some((r) => r.code === 'TransactionConflict') &&
    (error.reasons ?? []).every((r) => r.code === 'TransactionConflict' || r.code === 'None')
  );
}

function versionConflict(error: unknown): DynamiteError | undefined {
  return error instanceof DynamiteError && error.code === 'version.conflict' ? error : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The DomainRecord operations for one viewer (or system job). Made by `records.as(viewer)`;
 * stateless, so one per request is cheap. Expected outcomes (a Rev conflict, a missing item)
 * are returned as values; errors are for bad input, refused access and broken infrastructure.
 */
export class RecordOperations {
  /** The underlying dynamite handle, for reads this class does not cover. */
  readonly table: ViewerTable<Shape>;

  constructor(table: ViewerTable<Shape>) {
    this.table = table;
    Object.freeze(this);
  }

  /**
   * Writes every hostname of one attested group in one transaction: `Owner`, `Type` and
   * `ValidateTime` set, `Rev` becoming the stored value + 1, or 1 for a new item. `Rev` is
   * changed with DynamoDB `ADD`, so no read is needed and concurrent upserts never lose an
   * increment. A retried request carries the same idempotency token, so it adds one once.
   *
   * @example
   * const result = await records.as(attestationViewer(attestation)).upsertAttested(attestation.records ?? []);
   * if (result.status === 'updated') console.log(result.hostnames);
   */
  async upsertAttested(
    records: readonly AttestedRecordLike[],
    options: UpsertAttestedOptions = {},
  ): Promise<UpsertAttestedResult> {
    const group = validateAttestedGroup(records);
    const maxAttempts = options.maxAttempts ?? 4;
    const baseDelay = options.retryDelayMs ?? 25;
    const operations = group.hostnames.map((hostname, index) =>
      this.table.tx.update(
        { groupId: group.groupId, hostname },
        { set: { owner: group.owner, type: group.type, validateTime: group.validateTime[index]! } },
        { expectedVersion: 'any', upsert: true },
      ),
    );
    let last: DynamiteError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        await transactWrite(operations, { clientRequestToken: globalThis.crypto.randomUUID() });
        return { status: 'updated', groupId: group.groupId, hostnames: group.hostnames };
      } catch (error) {
        if (!isRetryableCancellation(error)) throw error;
        last = error;
        if (attempt < maxAttempts) await sleep(baseDelay * 2 ** (attempt - 1));
      }
    }
    return {
      status: 'conflict',
      groupId: group.groupId,
      attempts: maxAttempts,
      reasons: (last?.reasons ?? []).map((r) => r.code),
    };
  }

  /**
   * Sets `ValidateTime` only if the stored `Rev` is still `snapshotRev` (the Rev seen in the
   * snapshot); `Rev` becomes `snapshotRev + 1`.
   *
   * @example
   * const r = await records.as(reattestationViewer()).setValidationIfUnchanged(key, 3, new Date());
   * // r.status: 'updated' | 'conflict' | 'missing'
   */
  async setValidationIfUnchanged(
    key: DomainRecordKey,
    snapshotRev: number,
    time: Date,
  ): Promise<SetValidationResult> {
    checkKey(key);
    checkRev(snapshotRev);
    if (!(time instanceof Date) || Number.isNaN(time.getTime())) {
      throw new RecordsError(
        'input.invalid',
        `time must be a valid Date, received ${describeValue(time)}`,
        { field: 'ValidateTime', received: time },
      );
    }
    try {
      const { item } = await this.table.update(
        { groupId: key.groupId, hostname: key.hostname },
        { set: { validateTime: time } },
        { expectedVersion: snapshotRev },
      );
      // Everyone may read records, so the new item is never withheld.
      return { status: 'updated', record: item! };
    } catch (error) {
      const conflict = versionConflict(error);
      if (!conflict) throw error;
      const record = conflict.item as DomainRecord | undefined;
      if (!record) return { status: 'missing' };
      return { status: 'conflict', currentRev: record.rev, record };
    }
  }

  /**
   * Deletes a record only if the stored `Rev` is still `snapshotRev`.
   *
   * @example
   * const r = await records.as(reattestationViewer()).deleteIfUnchanged(key, 3);
   */
  async deleteIfUnchanged(
    key: DomainRecordKey,
    snapshotRev: number,
  ): Promise<DeleteIfUnchangedResult> {
    checkKey(key);
    checkRev(snapshotRev);
    try {
      const { item } = await this.table.delete(
        { groupId: key.groupId, hostname: key.hostname },
        { expectedVersion: snapshotRev },
      );
      // The condition held, so an item existed; ALL_OLD returns it.
      return item ? { status: 'deleted', record: item } : { status: 'missing' };
    } catch (error) {
      const conflict = versionConflict(error);
      if (!conflict) throw error;
      const record = conflict.item as DomainRecord | undefined;
      if (!record) return { status: 'missing' };
      return { status: 'conflict', currentRev: record.rev, record };
    }
  }

  /**
   * Gives `Rev` 1 to a record written before the table had Rev, only if it still has none:
   * `symval migrate --apply`, through `migrationViewer()`. Nothing else changes; the write
   * expects Rev 0 ("never versioned") and the viewer's policy adds that `Rev` must be absent
   * when DynamoDB writes.
   *
   * @example
   * const r = await records.as(migrationViewer()).addMissingRev({ groupId, hostname });
   * // r.status: 'added' | 'versioned' | 'missing'
   */
  async addMissingRev(key: DomainRecordKey): Promise<AddMissingRevResult> {
    checkKey(key);
    const target = { groupId: key.groupId, hostname: key.hostname };
    try {
      const { item } = await this.table.update(target, {}, { expectedVersion: 0 });
      return { status: 'added', record: item! };
    } catch (error) {
      const conflict = versionConflict(error);
      if (conflict) {
        const record = conflict.item as DomainRecord | undefined;
        if (!record) return { status: 'missing' };
        return { status: 'versioned', currentRev: record.rev, record };
      }
      // The policy's condition (Rev absent) failed when DynamoDB wrote: the record has a Rev.
      if (!(error instanceof DynamiteError) || error.code !== 'policy.denied') throw error;
      const record = await this.get(key);
      if (!record) return { status: 'missing' };
      if (record.rev > 0) return { status: 'versioned', currentRev: record.rev, record };
      throw error;
    }
  }

  /** One record by key (strongly consistent), or `undefined`. */
  async get(key: DomainRecordKey): Promise<DomainRecord | undefined> {
    checkKey(key);
    return this.table.get(
      { groupId: key.groupId, hostname: key.hostname },
      { consistentRead: true },
    );
  }

  /** Every record of a group, by hostname, read strongly consistently. */
  async listGroup(groupId: string): Promise<DomainRecord[]> {
    if (typeof groupId !== 'string' || groupId.length === 0) {
      throw new RecordsError(
        'input.invalid',
        `listGroup needs a group ID, received ${describeValue(groupId)}`,
        { received: groupId },
      );
    }
    const out: DomainRecord[] = [];
    for await (const record of this.table.queryAll({ key: { groupId }, consistentRead: true })) {
      out.push(record);
    }
    return out;
  }

  /**
   * Every record of the table, page after page (a parallel scan with `segments`), in no
   * particular order.
   *
   * @example
   * for await (const record of records.asSystem('snapshot-rebuild').listAll({ segments: 4 })) count++;
   */
  listAll(options: ListAllOptions = {}): AsyncIterable<DomainRecord> {
    return this.table.scanAll({
      ...(options.segments !== undefined ? { segments: options.segments } : {}),
      ...(options.consistentRead !== undefined ? { consistentRead: options.consistentRead } : {}),
    });
  }

  /** The keys of an owner's records, from the `byOwner` index (eventually consistent). */
  async listKeysByOwner(owner: string): Promise<DomainRecordKey[]> {
    if (typeof owner !== 'string' || owner.length === 0) {
      throw new RecordsError(
        'input.invalid',
        `listByOwner needs an owner, received ${describeValue(owner)}`,
        { received: owner },
      );
    }
    const keys: DomainRecordKey[] = [];
    for await (const item of this.table.queryAll({ index: 'byOwner', key: { owner } })) {
      keys.push({ groupId: item.groupId, hostname: item.hostname });
    }
    return keys;
  }

  /**
   * Every record of an owner, sorted by group ID then hostname: the `byOwner` index gives the
   * keys, a batch read the records.
   */
  async listByOwner(owner: string): Promise<DomainRecord[]> {
    const keys = await this.listKeysByOwner(owner);
    if (keys.length === 0) return [];
    const { items } = await this.table.batchGet(keys);
    // The index is eventually consistent: a record re-owned since is not this owner's.
    return items
      .filter((r) => r.owner === owner)
      .sort((a, b) =>
        a.groupId === b.groupId ? compare(a.hostname, b.hostname) : compare(a.groupId, b.groupId),
      );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
