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

/** Entries a block holds at most before it splits in two: small, so a batch of 100 changes re-joins a few percent of the file. */
const BLOCK = 128;

interface Block {
  keys: string[];
  entries: string[];
  /** The block's entries joined by the separator, or `undefined` when they changed. */
  bytes: Buffer | undefined;
}

/**
 * Every record's entry of `records/domains.json` as it appears in the file, kept sorted by
 * GroupID then Hostname in blocks of at most 128 entries, each block also kept as its
 * bytes. A batch re-joins only the blocks it changed, and the file is the blocks copied into
 * a kept buffer: close to copying the bytes, where keeping each entry apart made the final
 * concatenation of 100,000 entries cost about as much as `JSON.parse` + `JSON.stringify`.
 */
export class WholeFileCache {
  #blocks: Block[];
  #count: number;
  #buffer: Buffer | undefined;

  private constructor(blocks: Block[], count: number) {
    this.#blocks = blocks;
    this.#count = count;
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
    const blocks: Block[] = [];
    for (let i = 0; i < pairs.length; i += BLOCK / 2) {
      const part = pairs.slice(i, i + BLOCK / 2);
      blocks.push({
        keys: part.map((p) => p[0]),
        entries: part.map((p) => p[1]),
        bytes: undefined,
      });
    }
    return new WholeFileCache(blocks, pairs.length);
  }

  /** The block whose range holds `key`: the last one starting at or before it. */
  #blockOf(key: string): number {
    let low = 0;
    let high = this.#blocks.length - 1;
    let found = 0;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (compare(this.#blocks[mid]!.keys[0]!, key) <= 0) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  /** Records changed by a batch: key -> the record, or `null` when removed. */
  apply(changes: ReadonlyMap<string, SnapshotRecord | null>): void {
    for (const [key, record] of changes) {
      if (this.#blocks.length === 0) this.#blocks.push({ keys: [], entries: [], bytes: undefined });
      const b = this.#blockOf(key);
      const block = this.#blocks[b]!;
      let low = 0;
      let high = block.keys.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (compare(block.keys[mid]!, key) < 0) low = mid + 1;
        else high = mid;
      }
      const present = block.keys[low] === key;
      if (record === null) {
        if (!present) continue;
        block.keys.splice(low, 1);
        block.entries.splice(low, 1);
        this.#count--;
        if (block.keys.length === 0 && this.#blocks.length > 1) {
          this.#blocks.splice(b, 1);
          continue;
        }
      } else if (present) {
        block.entries[low] = serializeSnapshotEntry(record);
      } else {
        block.keys.splice(low, 0, key);
        block.entries.splice(low, 0, serializeSnapshotEntry(record));
        this.#count++;
        if (block.keys.length > BLOCK) {
          const half = block.keys.length >> 1;
          this.#blocks.splice(b + 1, 0, {
            keys: block.keys.splice(half),
            entries: block.entries.splice(half),
            bytes: undefined,
          });
        }
      }
      block.bytes = undefined;
    }
  }

  /** How many records the file holds. */
  get size(): number {
    return this.#count;
  }

  /**
   * The bytes of `records/domains.json`, exactly as `serializeSnapshot` writes them. The body
   * is a view of a buffer this cache reuses: it stays valid until the next `build()`, so a
   * caller publishes (awaits the write) before building again.
   */
  build(): WholeFileBody {
    const { open, separator, close, empty } = SNAPSHOT_FRAMING;
    const blocks = this.#blocks.filter((b) => b.keys.length > 0);
    if (blocks.length === 0) {
      const body = Buffer.from(empty);
      return { body, bytes: body.length, hash: createHash('sha256').update(body).digest('hex') };
    }
    let total = open.length + close.length + separator.length * (blocks.length - 1);
    for (const block of blocks) {
      block.bytes ??= Buffer.from(block.entries.join(separator), 'utf8');
      total += block.bytes.length;
    }
    // Writing into a kept buffer with TypedArray#set, not Buffer.concat: concat allocates a
    // fresh buffer of the whole file each time, and touching those new pages (tens of MiB)
    // plus concat's per-part copy cost several times the copy itself (bench/sharded.ts, 5.).
    const out = this.#output(total);
    let at = out.write(open, 0, 'latin1');
    for (let i = 0; i < blocks.length; i++) {
      if (i > 0) at += out.write(separator, at, 'latin1');
      const bytes = blocks[i]!.bytes!;
      out.set(bytes, at);
      at += bytes.length;
    }
    at += out.write(close, at, 'latin1');
    const body = out.subarray(0, at);
    return { body, bytes: at, hash: createHash('sha256').update(body).digest('hex') };
  }

  /** The kept output buffer, grown with an eighth to spare so a growing club rarely reallocates. */
  #output(size: number): Buffer {
    if (this.#buffer === undefined || this.#buffer.length < size)
      this.#buffer = Buffer.allocUnsafeSlow(size + (size >> 3));
    return this.#buffer;
  }
}
