import { createHash } from 'node:crypto';
import type { SnapshotRecord } from '@symval/records';
import { SNAPSHOT_FRAMING, serializeSnapshotEntry } from '@symval/records/snapshot';
import { itemKey, itemRecord, type Leaf } from './leaf.js';

/** The whole file's bytes, with their SHA-256 (hex). */
export interface WholeFileBody {
  readonly body: Buffer;
  readonly bytes: number;
  readonly hash: string;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every record's entry of `records/domains.json` as it appears in the file, kept sorted by
 * GroupID then Hostname, so the file is made by copying bytes instead of serialising a
 * million records. Changes are collected and merged in once, when the file is made.
 */
export class WholeFileCache {
  #keys: string[];
  #entries: string[];
  readonly #pending = new Map<string, string | null>();

  private constructor(keys: string[], entries: string[]) {
    this.#keys = keys;
    this.#entries = entries;
  }

  /** The entries of every record in some shards (all of a tree's, for a complete file). */
  static fromLeaves(leaves: Iterable<Leaf>): WholeFileCache {
    const pairs: [string, string][] = [];
    for (const leaf of leaves) {
      for (const o of leaf.owners) {
        for (const item of o.items) {
          pairs.push([
            itemKey(item.groupId, item.hostname),
            serializeSnapshotEntry(itemRecord(o.owner, item)),
          ]);
        }
      }
    }
    pairs.sort((a, b) => compare(a[0], b[0]));
    return new WholeFileCache(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
  }

  /** Records changed by a batch: key -> the record, or `null` when removed. */
  apply(changes: ReadonlyMap<string, SnapshotRecord | null>): void {
    for (const [key, record] of changes)
      this.#pending.set(key, record && serializeSnapshotEntry(record));
  }

  /** How many records the file holds. */
  get size(): number {
    this.#merge();
    return this.#keys.length;
  }

  #merge(): void {
    if (this.#pending.size === 0) return;
    const changed = [...this.#pending.keys()].sort(compare);
    const keys: string[] = [];
    const entries: string[] = [];
    const old = this.#keys;
    let i = 0;
    let c = 0;
    while (i < old.length || c < changed.length) {
      if (c >= changed.length || (i < old.length && old[i]! < changed[c]!)) {
        keys.push(old[i]!);
        entries.push(this.#entries[i++]!);
        continue;
      }
      const key = changed[c++]!;
      if (i < old.length && old[i] === key) i++;
      const entry = this.#pending.get(key)!;
      if (entry !== null) {
        keys.push(key);
        entries.push(entry);
      }
    }
    this.#keys = keys;
    this.#entries = entries;
    this.#pending.clear();
  }

  /** The bytes of `records/domains.json`, exactly as `serializeSnapshot` writes them. */
  build(): WholeFileBody {
    this.#merge();
    const entries = this.#entries;
    const { open, separator, close, empty } = SNAPSHOT_FRAMING;
    if (entries.length === 0) {
      const body = Buffer.from(empty);
      return { body, bytes: body.length, hash: createHash('sha256').update(body).digest('hex') };
    }
    let total = open.length + close.length + separator.length * (entries.length - 1);
    for (const e of entries) total += Buffer.byteLength(e);
    const body = Buffer.allocUnsafe(total);
    let at = body.write(open, 0, 'latin1');
    for (let i = 0; i < entries.length; i++) {
      if (i > 0) at += body.write(separator, at, 'latin1');
      at += body.write(entries[i]!, at, 'utf8');
    }
    body.write(close, at, 'latin1');
    return { body, bytes: total, hash: createHash('sha256').update(body).digest('hex') };
  }
}
