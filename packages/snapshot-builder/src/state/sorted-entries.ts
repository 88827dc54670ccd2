import type { BuilderEntry } from './entry.js';

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The entries of a state: a read-only map kept as two parallel arrays sorted by key (GroupID,
 * then Hostname). Lookups are binary searches; iteration is in key order, so publishing needs
 * no sort; and a batch makes its new entries by copying the arrays (a native memory copy) and
 * splicing in the few changed keys, instead of rebuilding a 100,000-entry hash map.
 */
export class SortedEntries implements ReadonlyMap<string, BuilderEntry> {
  readonly #keys: readonly string[];
  readonly #values: readonly BuilderEntry[];

  private constructor(keys: readonly string[], values: readonly BuilderEntry[]) {
    this.#keys = keys;
    this.#values = values;
  }

  /** Entries from pairs in any order; a key given twice keeps its last entry. */
  static from(pairs: Iterable<readonly [string, BuilderEntry]>): SortedEntries {
    let list = [...pairs];
    let sorted = true;
    for (let i = 1; i < list.length && sorted; i++) {
      if (compareKeys(list[i - 1]![0], list[i]![0]) >= 0) sorted = false;
    }
    if (!sorted) {
      // Array.from, not push(...map): spreading a million entries as arguments overflows the stack.
      list = Array.from(new Map(list));
      list.sort((a, b) => compareKeys(a[0], b[0]));
    }
    return new SortedEntries(
      list.map(([key]) => key),
      list.map(([, value]) => value),
    );
  }

  /** Position of a key, or `-(insertion point) - 1` when absent. */
  #find(key: string): number {
    const keys = this.#keys;
    let low = 0;
    let high = keys.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const k = keys[mid]!;
      if (k < key) low = mid + 1;
      else if (k > key) high = mid - 1;
      else return mid;
    }
    return -low - 1;
  }

  get size(): number {
    return this.#keys.length;
  }

  get(key: string): BuilderEntry | undefined {
    const i = this.#find(key);
    return i >= 0 ? this.#values[i] : undefined;
  }

  has(key: string): boolean {
    return this.#find(key) >= 0;
  }

  /**
   * New entries with `changes` set (new keys merged in at their place) and, among the keys not
   * changed, those whose entry `drop` holds removed. One pass over preallocated arrays.
   */
  with(
    changes: ReadonlyMap<string, BuilderEntry>,
    drop?: (entry: BuilderEntry) => boolean,
  ): SortedEntries {
    const oldKeys = this.#keys;
    const oldValues = this.#values;
    const changed = [...changes.keys()].sort(compareKeys);
    if (!drop && changed.every((key) => this.#find(key) >= 0)) {
      // Only existing keys change: copy and replace in place.
      const values = oldValues.slice();
      for (const key of changed) values[this.#find(key)] = changes.get(key)!;
      return new SortedEntries(oldKeys, values);
    }
    // A merge of the old keys with the sorted changed keys, comparing strings rather than
    // looking every old key up in the change map.
    const size = oldKeys.length + changed.length;
    const keys = new Array<string>(size);
    const values = new Array<BuilderEntry>(size);
    let n = 0;
    let c = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i]!;
      while (c < changed.length && changed[c]! < key) {
        keys[n] = changed[c]!;
        values[n++] = changes.get(changed[c++]!)!;
      }
      if (c < changed.length && changed[c] === key) {
        keys[n] = key;
        values[n++] = changes.get(changed[c++]!)!;
        continue;
      }
      if (drop?.(oldValues[i]!)) continue;
      keys[n] = key;
      values[n++] = oldValues[i]!;
    }
    while (c < changed.length) {
      keys[n] = changed[c]!;
      values[n++] = changes.get(changed[c++]!)!;
    }
    keys.length = n;
    values.length = n;
    return new SortedEntries(keys, values);
  }

  forEach(
    callback: (value: BuilderEntry, key: string, map: ReadonlyMap<string, BuilderEntry>) => void,
    thisArg?: unknown,
  ): void {
    for (let i = 0; i < this.#keys.length; i++) {
      callback.call(thisArg, this.#values[i]!, this.#keys[i]!, this);
    }
  }

  *entries(): MapIterator<[string, BuilderEntry]> {
    for (let i = 0; i < this.#keys.length; i++) yield [this.#keys[i]!, this.#values[i]!];
  }

  *keys(): MapIterator<string> {
    yield* this.#keys;
  }

  *values(): MapIterator<BuilderEntry> {
    yield* this.#values;
  }

  [Symbol.iterator](): MapIterator<[string, BuilderEntry]> {
    return this.entries();
  }

  /** The keys in order, without copying (read-only). */
  get keyList(): readonly string[] {
    return this.#keys;
  }

  /** The entries in key order, without copying (read-only). */
  get valueList(): readonly BuilderEntry[] {
    return this.#values;
  }
}
