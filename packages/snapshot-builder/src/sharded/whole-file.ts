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

/**
 * A run of consecutive entries. At rest a block is its bytes and its keys, each packed into
 * one object with offsets: a million separate entry strings (each a chain of the template's
 * pieces) were most of the builder's heap at 1M records, and marking them most of a batch's
 * time (bench/sharded.ts, 4.). A block a batch changes is opened into arrays until the next
 * `build()`.
 */
interface Block {
  /** The block's first key: where its range starts. */
  first: string;
  count: number;
  /** The keys joined, and where each ends in it. */
  keyText: string;
  keyEnds: Uint32Array;
  /** The entries joined by the separator, and where each entry ends in it. */
  bytes: Buffer;
  entryEnds: Uint32Array;
  /** Set while a batch changes the block; folded back into the fields above by `build()`. */
  open: { keys: string[]; entries: string[] } | undefined;
}

const { open: OPEN, separator: SEPARATOR, close: CLOSE, empty: EMPTY } = SNAPSHOT_FRAMING;
const SEPARATOR_BYTES = Buffer.byteLength(SEPARATOR);

/** A block at rest from its keys and entries. */
function packed(keys: readonly string[], entries: readonly string[]): Block {
  const keyEnds = new Uint32Array(keys.length);
  let k = 0;
  for (let i = 0; i < keys.length; i++) {
    k += keys[i]!.length;
    keyEnds[i] = k;
  }
  const bytes = Buffer.from(entries.join(SEPARATOR), 'utf8');
  const entryEnds = new Uint32Array(entries.length);
  let at = 0;
  for (let i = 0; i < entries.length; i++) {
    at += Buffer.byteLength(entries[i]!, 'utf8');
    entryEnds[i] = at;
    at += SEPARATOR_BYTES;
  }
  const keyText = keys.join('');
  return {
    first: keys.length > 0 ? keyText.slice(0, keyEnds[0]) : '',
    count: keys.length,
    keyText,
    keyEnds,
    bytes,
    entryEnds,
    open: undefined,
  };
}

/** The keys and entries of a block, to change it. */
function opened(block: Block): { keys: string[]; entries: string[] } {
  if (block.open) return block.open;
  const keys: string[] = new Array(block.count);
  const entries: string[] = new Array(block.count);
  let k = 0;
  let at = 0;
  for (let i = 0; i < block.count; i++) {
    keys[i] = block.keyText.slice(k, block.keyEnds[i]);
    k = block.keyEnds[i]!;
    entries[i] = block.bytes.toString('utf8', at, block.entryEnds[i]);
    at = block.entryEnds[i]! + SEPARATOR_BYTES;
  }
  block.open = { keys, entries };
  return block.open;
}

/**
 * Every record's entry of `records/domains.json` as it appears in the file, kept sorted by
 * GroupID then Hostname in blocks of at most 128 entries, each block kept as its bytes. A
 * batch re-joins only the blocks it changed, and the file is the blocks copied into a kept
 * buffer: close to copying the bytes, where keeping each entry apart made the final
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
      blocks.push(
        packed(
          part.map((p) => p[0]),
          part.map((p) => p[1]),
        ),
      );
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
      if (compare(this.#blocks[mid]!.first, key) <= 0) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  /** Records changed by a batch: key -> the record, or `null` when removed. */
  apply(changes: ReadonlyMap<string, SnapshotRecord | null>): void {
    for (const [key, record] of changes) {
      if (this.#blocks.length === 0) this.#blocks.push(packed([], []));
      const b = this.#blockOf(key);
      const block = this.#blocks[b]!;
      const { keys, entries } = opened(block);
      let low = 0;
      let high = keys.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (compare(keys[mid]!, key) < 0) low = mid + 1;
        else high = mid;
      }
      const present = keys[low] === key;
      if (record === null) {
        if (!present) continue;
        keys.splice(low, 1);
        entries.splice(low, 1);
        this.#count--;
        if (keys.length === 0 && this.#blocks.length > 1) {
          this.#blocks.splice(b, 1);
          continue;
        }
      } else if (present) {
        entries[low] = serializeSnapshotEntry(record);
      } else {
        keys.splice(low, 0, key);
        entries.splice(low, 0, serializeSnapshotEntry(record));
        this.#count++;
        if (keys.length > BLOCK) {
          const half = keys.length >> 1;
          const right = packed(keys.splice(half), entries.splice(half));
          this.#blocks.splice(b + 1, 0, right);
        }
      }
      block.count = keys.length;
      if (keys.length > 0) block.first = keys[0]!;
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
    for (let i = 0; i < this.#blocks.length; i++) {
      const block = this.#blocks[i]!;
      if (block.open) this.#blocks[i] = packed(block.open.keys, block.open.entries);
    }
    const blocks = this.#blocks.filter((b) => b.count > 0);
    if (blocks.length === 0) {
      const body = Buffer.from(EMPTY);
      return { body, bytes: body.length, hash: createHash('sha256').update(body).digest('hex') };
    }
    let total = OPEN.length + CLOSE.length + SEPARATOR.length * (blocks.length - 1);
    for (const block of blocks) total += block.bytes.length;
    // Writing into a kept buffer with TypedArray#set, not Buffer.concat: concat allocates a
    // fresh buffer of the whole file each time, and touching those new pages (tens of MiB)
    // plus concat's per-part copy cost several times the copy itself (bench/sharded.ts, 5.).
    const out = this.#output(total);
    let at = out.write(OPEN, 0, 'latin1');
    for (let i = 0; i < blocks.length; i++) {
      if (i > 0) at += out.write(SEPARATOR, at, 'latin1');
      const bytes = blocks[i]!.bytes;
      out.set(bytes, at);
      at += bytes.length;
    }
    at += out.write(CLOSE, at, 'latin1');
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
