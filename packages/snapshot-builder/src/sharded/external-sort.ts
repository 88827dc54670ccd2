// Sorting a table scan into owner order with bounded memory: the scan comes in hash order, so
// rows are sorted in runs of `runSize`, each run spilled to a temporary file, and the runs
// merged as they are read back. Memory is one run plus one row per run.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A record as sorted: `[fold, Owner, GroupID, Hostname, Type, ValidateTime, Rev, seq | null]`. */
export type SortRow = [string, string, string, string, string, string, number, string | null];

/** Owner order (the fold, then the exact name), then GroupID, then Hostname. */
export function compareRows(a: SortRow, b: SortRow): number {
  for (let i = 0; i < 4; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Options of {@link sortRows}. */
export interface SortOptions {
  /** Rows sorted in memory at once. Default 100,000 (about 40 MB). */
  readonly runSize?: number;
  /** Where runs are spilled. Default the system's temporary folder. */
  readonly tempDir?: string;
}

async function* lines(path: string): AsyncGenerator<SortRow> {
  const reader = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of reader) if (line) yield JSON.parse(line) as SortRow;
}

/** A binary heap of run heads, smallest row first. */
class Heap {
  readonly items: { row: SortRow; run: AsyncGenerator<SortRow> }[] = [];
  push(item: { row: SortRow; run: AsyncGenerator<SortRow> }): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (compareRows(a[p]!.row, a[i]!.row) <= 0) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): { row: SortRow; run: AsyncGenerator<SortRow> } | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && compareRows(a[l]!.row, a[m]!.row) < 0) m = l;
        if (r < a.length && compareRows(a[r]!.row, a[m]!.row) < 0) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The rows in order. Up to `runSize` rows are sorted in memory; beyond that, sorted runs go
 * to files in a temporary folder (removed afterwards) and are merged.
 */
export async function* sortRows(
  rows: AsyncIterable<SortRow> | Iterable<SortRow>,
  options: SortOptions = {},
): AsyncGenerator<SortRow> {
  const runSize = options.runSize ?? 100_000;
  let buffer: SortRow[] = [];
  let dir: string | undefined;
  const runs: string[] = [];
  try {
    for await (const row of rows) {
      buffer.push(row);
      if (buffer.length >= runSize) {
        dir ??= await mkdtemp(join(options.tempDir ?? tmpdir(), 'symval-rebuild-'));
        buffer.sort(compareRows);
        const path = join(dir, `run-${runs.length}.jsonl`);
        await writeRun(path, buffer);
        runs.push(path);
        buffer = [];
      }
    }
    buffer.sort(compareRows);
    if (runs.length === 0) {
      yield* buffer;
      return;
    }
    const heap = new Heap();
    const sources = [
      ...runs.map(lines),
      (async function* () {
        yield* buffer;
      })(),
    ];
    for (const run of sources) {
      const first = await run.next();
      if (!first.done) heap.push({ row: first.value, run });
    }
    for (let top = heap.pop(); top; top = heap.pop()) {
      yield top.row;
      const next = await top.run.next();
      if (!next.done) heap.push({ row: next.value, run: top.run });
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

async function writeRun(path: string, rows: readonly SortRow[]): Promise<void> {
  // In slices, so no single string holds the whole run.
  const SLICE = 10_000;
  for (let i = 0; i < rows.length; i += SLICE) {
    const text = rows
      .slice(i, i + SLICE)
      .map((r) => JSON.stringify(r))
      .join('\n');
    await writeFile(path, `${text}\n`, { flag: i === 0 ? 'w' : 'a' });
  }
}
