import { describeValue, RecordsError } from '../../errors.js';
import { isSymmetryCode, SYMMETRY_CODES, type SymmetryCode } from '../../table/symmetry-code.js';
import { checkSnapshotEntry, duplicateProblem } from '../entry.js';
import type { ParsedSnapshotRecord, SnapshotEntryProblem } from '../types.js';
import { isOwnerPageId } from './owner-id.js';
import {
  isLayoutChildFile,
  LAYOUT_INDEX_FILE,
  LAYOUT_VERSION,
  OWNER_DIRECTORY_DIGITS,
  OWNER_DIRECTORY_PATH,
  WHOLE_FILE_FROM_LAYOUT,
} from './paths.js';
import type {
  LayoutChild,
  LayoutCounts,
  LayoutGroup,
  LayoutHost,
  LayoutIndex,
  LayoutNode,
  LayoutOwner,
  LayoutShard,
  LayoutShardRead,
  LayoutTypeCount,
  OwnerDirectory,
} from './types.js';

/** The `format` field of each kind of layout file, so one is never taken for another. */
export const LAYOUT_FORMATS = {
  index: 'symval-records-index',
  node: 'symval-records-node',
  shard: 'symval-records-shard',
  owners: 'symval-records-owners',
} as const;

// ---- writing: fixed key order, so the same content always gives the same bytes ----

function countsJson(c: LayoutCounts) {
  const types: Record<string, LayoutTypeCount> = {};
  for (const code of SYMMETRY_CODES) {
    const t = c.types[code];
    if (t) types[code] = [t[0], t[1], t[2]];
  }
  return { owners: c.owners, groups: c.groups, records: c.records, types };
}

function childJson(c: LayoutChild) {
  return { file: c.file, first: c.first, ...countsJson(c) };
}

/** The bytes of an index node file (`nodes/<name>.json`). */
export function serializeLayoutNode(node: LayoutNode): string {
  return JSON.stringify({
    format: LAYOUT_FORMATS.node,
    version: LAYOUT_VERSION,
    level: node.level,
    children: node.children.map(childJson),
  });
}

/** The bytes of the layout's index (`index.json`). */
export function serializeLayoutIndex(index: LayoutIndex): string {
  return JSON.stringify({
    format: LAYOUT_FORMATS.index,
    version: LAYOUT_VERSION,
    generation: index.generation,
    totals: countsJson(index.totals),
    directory: { path: index.directory.path, digits: index.directory.digits },
    wholeFile: index.wholeFile,
    level: index.level,
    children: index.children.map(childJson),
  });
}

function hostJson(h: LayoutHost) {
  return h.Rev === undefined
    ? { Hostname: h.Hostname, ValidateTime: h.ValidateTime }
    : { Hostname: h.Hostname, ValidateTime: h.ValidateTime, Rev: h.Rev };
}

/** The bytes of a shard (`shards/<name>.json`). */
export function serializeLayoutShard(shard: LayoutShard): string {
  return JSON.stringify({
    format: LAYOUT_FORMATS.shard,
    version: LAYOUT_VERSION,
    owners: shard.owners.map((o) => ({
      id: o.id,
      Owner: o.Owner,
      groups: o.groups.map((g) => ({
        GroupID: g.GroupID,
        Type: g.Type,
        hosts: g.hosts.map(hostJson),
      })),
    })),
  });
}

/** The bytes of an owner directory bucket (`owners/<hex>.json`). */
export function serializeOwnerDirectory(directory: OwnerDirectory): string {
  return JSON.stringify({
    format: LAYOUT_FORMATS.owners,
    version: LAYOUT_VERSION,
    owners: directory.owners.map(([id, owner]) => [id, owner]),
  });
}

// ---- reading: every field checked; a fault names the file and the path inside it ----

class Reader {
  constructor(readonly file: string) {}

  fail(path: string, expected: string, received: unknown): never {
    throw new RecordsError(
      'layout.invalid',
      `${this.file}: ${path} must be ${expected}, received ${describeValue(received)}`,
      { file: this.file, field: path, received },
    );
  }

  document(text: string, format: string): Record<string, unknown> {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      throw new RecordsError(
        'layout.invalid',
        `${this.file} is not JSON: ${(error as Error).message}`,
        {
          file: this.file,
          cause: error,
        },
      );
    }
    const d = this.object(doc, '(document)');
    if (d.format !== format) this.fail('format', JSON.stringify(format), d.format);
    if (d.version !== LAYOUT_VERSION) this.fail('version', String(LAYOUT_VERSION), d.version);
    return d;
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(path, 'an object', value);
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'an array', value);
    return value;
  }

  text(value: unknown, path: string): string {
    if (typeof value !== 'string' || value === '') this.fail(path, 'a non-empty string', value);
    return value;
  }

  count(value: unknown, path: string): number {
    if (!Number.isSafeInteger(value) || (value as number) < 0)
      this.fail(path, 'a non-negative integer', value);
    return value as number;
  }

  counts(d: Record<string, unknown>, path: string): LayoutCounts {
    const types: Partial<Record<SymmetryCode, LayoutTypeCount>> = {};
    const t = this.object(d.types, `${path}types`);
    for (const [code, value] of Object.entries(t)) {
      if (!isSymmetryCode(code)) this.fail(`${path}types`, 'keyed by type codes a..h', code);
      const a = this.array(value, `${path}types.${code}`);
      if (a.length !== 3) this.fail(`${path}types.${code}`, '[owners, groups, hostnames]', a);
      types[code] = [
        this.count(a[0], `${path}types.${code}[0]`),
        this.count(a[1], `${path}types.${code}[1]`),
        this.count(a[2], `${path}types.${code}[2]`),
      ];
    }
    return {
      owners: this.count(d.owners, `${path}owners`),
      groups: this.count(d.groups, `${path}groups`),
      records: this.count(d.records, `${path}records`),
      types,
    };
  }

  node(d: Record<string, unknown>): LayoutNode {
    const level = d.level;
    if (!Number.isSafeInteger(level) || (level as number) < 1)
      this.fail('level', 'an integer >= 1', level);
    const kind = level === 1 ? 'shards/' : 'nodes/';
    const children = this.array(d.children, 'children').map((value, i): LayoutChild => {
      const path = `children[${i}].`;
      const c = this.object(value, `children[${i}]`);
      if (!isLayoutChildFile(c.file) || !c.file.startsWith(kind))
        this.fail(`${path}file`, `a path ${kind}<name>.json`, c.file);
      return { file: c.file, first: this.text(c.first, `${path}first`), ...this.counts(c, path) };
    });
    return { level: level as number, children };
  }
}

/**
 * Reads the layout's index (`index.json`).
 *
 * @throws RecordsError `layout.invalid` naming the field at fault.
 * @example
 * const index = parseLayoutIndex(await (await fetch('/records/v1/index.json')).text());
 * index.totals.owners;
 */
export function parseLayoutIndex(text: string, file = LAYOUT_INDEX_FILE): LayoutIndex {
  const r: Reader = new Reader(file);
  const d = r.document(text, LAYOUT_FORMATS.index);
  const generation = r.count(d.generation, 'generation');
  const totals = r.counts(r.object(d.totals, 'totals'), 'totals.');
  const dir = r.object(d.directory, 'directory');
  if (dir.path !== OWNER_DIRECTORY_PATH)
    r.fail('directory.path', JSON.stringify(OWNER_DIRECTORY_PATH), dir.path);
  if (dir.digits !== OWNER_DIRECTORY_DIGITS)
    r.fail('directory.digits', String(OWNER_DIRECTORY_DIGITS), dir.digits);
  if (d.wholeFile !== WHOLE_FILE_FROM_LAYOUT)
    r.fail('wholeFile', JSON.stringify(WHOLE_FILE_FROM_LAYOUT), d.wholeFile);
  return {
    generation,
    totals,
    directory: { path: OWNER_DIRECTORY_PATH, digits: OWNER_DIRECTORY_DIGITS },
    wholeFile: WHOLE_FILE_FROM_LAYOUT,
    ...r.node(d),
  };
}

/**
 * Reads an index node (`nodes/<name>.json`).
 *
 * @throws RecordsError `layout.invalid` naming the file and the field at fault.
 */
export function parseLayoutNode(text: string, file: string): LayoutNode {
  const r: Reader = new Reader(file);
  return r.node(r.document(text, LAYOUT_FORMATS.node));
}

/** One owner of a shard as read: the good groups and records, and the records left out. */
export interface ShardOwnerRead {
  readonly id: string;
  readonly Owner: string;
  /** The owner with only the good records; `undefined` when none was good. */
  readonly owner: LayoutOwner | undefined;
  readonly records: ParsedSnapshotRecord[];
  readonly rejected: SnapshotEntryProblem[];
}

/** Reads a shard owner by owner (see {@link readLayoutShard}). */
export function readLayoutShardOwners(text: string, file: string): ShardOwnerRead[] {
  const r: Reader = new Reader(file);
  const d = r.document(text, LAYOUT_FORMATS.shard);
  const seen = new Set<string>();
  let index = 0;
  return r.array(d.owners, 'owners').map((value, i): ShardOwnerRead => {
    const o = r.object(value, `owners[${i}]`);
    const id = o.id;
    if (!isOwnerPageId(id)) r.fail(`owners[${i}].id`, 'a page id (43 base64url characters)', id);
    const name = r.text(o.Owner, `owners[${i}].Owner`);
    const groups: LayoutGroup[] = [];
    const records: ParsedSnapshotRecord[] = [];
    const rejected: SnapshotEntryProblem[] = [];
    const reject = (problem: SnapshotEntryProblem) =>
      rejected.push({ ...problem, file, message: `${file}: ${problem.message}` });
    r.array(o.groups, `owners[${i}].groups`).forEach((gv, j) => {
      const g = r.object(gv, `owners[${i}].groups[${j}]`);
      const hosts: LayoutHost[] = [];
      let type: SymmetryCode | undefined;
      r.array(g.hosts, `owners[${i}].groups[${j}].hosts`).forEach((hv, k) => {
        const h = r.object(hv, `owners[${i}].groups[${j}].hosts[${k}]`);
        const at = index++;
        const checked = checkSnapshotEntry(
          {
            Owner: name,
            Type: g.Type,
            Hostname: h.Hostname,
            GroupID: g.GroupID,
            ValidateTime: h.ValidateTime,
            Rev: h.Rev,
          },
          at,
        );
        if (!checked.ok) {
          reject(checked.problem);
          return;
        }
        const rec = checked.record;
        const key = `${rec.GroupID}\n${rec.Hostname}`;
        if (seen.has(key)) {
          reject(duplicateProblem(at, rec.Hostname));
          return;
        }
        seen.add(key);
        records.push(rec);
        type = rec.Type;
        hosts.push(
          rec.Rev === undefined
            ? { Hostname: rec.Hostname, ValidateTime: rec.ValidateTime }
            : { Hostname: rec.Hostname, ValidateTime: rec.ValidateTime, Rev: rec.Rev },
        );
      });
      if (type !== undefined) groups.push({ GroupID: g.GroupID as string, Type: type, hosts });
    });
    const owner = groups.length > 0 ? { id, Owner: name, groups } : undefined;
    return { id, Owner: name, owner, records, rejected };
  });
}

/**
 * Reads a shard tolerantly, as `readSnapshot` reads the whole file: every record is checked
 * with the same rules, and a bad one (or a second copy of a GroupID + Hostname) is left out and
 * reported in `rejected` (`index` counting the shard's records in order, `file` naming the
 * shard) while the others are kept. A file whose structure is broken (not JSON, another
 * format, an owner that is not an object) throws.
 *
 * @throws RecordsError `layout.invalid` naming the file and the field at fault.
 * @example
 * const { owners, records, rejected } = readLayoutShard(text, 'shards/1c-4f0e9ab2d6c1.json');
 */
export function readLayoutShard(text: string, file: string): LayoutShardRead {
  const owners: LayoutOwner[] = [];
  const records: ParsedSnapshotRecord[] = [];
  const rejected: SnapshotEntryProblem[] = [];
  for (const read of readLayoutShardOwners(text, file)) {
    if (read.owner) owners.push(read.owner);
    for (const record of read.records) records.push(record);
    for (const problem of read.rejected) rejected.push(problem);
  }
  return { owners, records, rejected };
}

/**
 * Reads an owner directory bucket (`owners/<hex>.json`).
 *
 * @throws RecordsError `layout.invalid` naming the file and the field at fault.
 */
export function parseOwnerDirectory(text: string, file: string): OwnerDirectory {
  const r: Reader = new Reader(file);
  const d = r.document(text, LAYOUT_FORMATS.owners);
  const owners = r.array(d.owners, 'owners').map((value, i): readonly [string, string] => {
    const pair = r.array(value, `owners[${i}]`);
    if (pair.length !== 2 || !isOwnerPageId(pair[0]))
      r.fail(`owners[${i}]`, '[page id, owner]', value);
    return [pair[0] as string, r.text(pair[1], `owners[${i}][1]`)];
  });
  return { owners };
}
