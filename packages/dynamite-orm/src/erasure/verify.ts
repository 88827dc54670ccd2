import type { AnyTableDefinition } from '../define-table.js';
import type { AttributeInfo } from '../schema/item-schema.js';
import { buildErasureGraph, type ErasureGraph } from './graph.js';

/** How bad a finding is: `fail` blocks, `review` needs a person to look, `note` informs. */
export type FindingSeverity = 'fail' | 'review' | 'note';

/** What a finding is about. */
export type FindingCode =
  | 'decision.missing'
  | 'attribute.unreachable'
  | 'edge.parent-missing'
  | 'decision.none'
  | 'table.unreached';

/** One thing `verifyErasure` found. */
export interface ErasureFinding {
  readonly severity: FindingSeverity;
  readonly code: FindingCode;
  readonly table: string;
  /** The attribute path, for attribute findings. */
  readonly attribute?: string;
  /** The personal-data category, for attribute findings. */
  readonly category?: string;
  readonly message: string;
}

/** How a personal attribute is erased: its row is deleted, the field is removed, or nothing. */
export type ErasedBy = 'delete' | 'removal' | 'nothing';

/** A personal attribute and how erasure reaches it. */
export interface PersonalAttribute {
  readonly path: string;
  readonly savedAs: string;
  readonly category: string;
  readonly purpose?: string;
  readonly erasedBy: ErasedBy;
}

/** One table's decision and what it covers. */
export interface TableCoverage {
  readonly table: string;
  readonly decision: 'subject' | 'cascade' | 'none' | 'missing';
  /** Rows are deleted when a subject is erased (the table is reached by subject or deep edges). */
  readonly rowsDeleted: boolean;
  /** The decision in words: the subject lookup, each edge, or the justification. */
  readonly details: readonly string[];
  readonly personal: readonly PersonalAttribute[];
}

/** The result of {@link verifyErasure}: `fail` if any finding fails, else `review` if any needs review. */
export interface ErasureReport {
  readonly status: 'pass' | 'fail' | 'review';
  readonly findings: readonly ErasureFinding[];
  readonly tables: readonly TableCoverage[];
}

/** The personal-data category of an attribute, when its metadata names one. */
export function personalCategory(info: AttributeInfo): string | undefined {
  const value = info.meta.personalData;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Which tables lose whole rows, and which attribute paths are removed, when a subject is erased. */
export function erasureReach(graph: ErasureGraph): {
  deleted: ReadonlySet<string>;
  removed: ReadonlyMap<string, ReadonlySet<string>>;
} {
  const deleted = new Set(graph.subjects);
  const queue = [...graph.subjects];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const link of graph.children.get(parent) ?? []) {
      if (link.edge.kind === 'deep' && !deleted.has(link.child)) {
        deleted.add(link.child);
        queue.push(link.child);
      }
    }
  }
  const removed = new Map<string, Set<string>>();
  for (const parent of deleted) {
    for (const link of graph.children.get(parent) ?? []) {
      if (link.edge.kind !== 'shallow') continue;
      const set = removed.get(link.child) ?? new Set<string>();
      for (const path of link.edge.remove) set.add(path);
      removed.set(link.child, set);
    }
  }
  return { deleted, removed };
}

/** Whether a path is one of the removed paths or inside one. */
export function isRemoved(path: string, removed: ReadonlySet<string> | undefined): boolean {
  if (!removed) return false;
  for (const r of removed) {
    if (path === r || path.startsWith(`${r}.`) || path.startsWith(`${r}[]`)) return true;
  }
  return false;
}

function describeEdges(graph: ErasureGraph, table: AnyTableDefinition): string[] {
  const decision = table.erasure;
  if (!decision) return [];
  if (decision.kind === 'none') return [decision.justification];
  if (decision.kind === 'subject') {
    return [
      `rows found from the subject id by ${decision.index ? `index ${decision.index}` : 'key'}`,
    ];
  }
  const parents = new Map<number, string>();
  for (const links of graph.children.values()) {
    for (const link of links)
      if (link.child === table.name) parents.set(link.position, link.parent);
  }
  for (const d of graph.dangling) if (d.child === table.name) parents.set(d.position, d.parent);
  return decision.edges.map((edge, position) => {
    const by = edge.index ? `index ${edge.index}` : 'key';
    const from = parents.get(position) ?? '?';
    const what =
      edge.kind === 'deep'
        ? `deep from ${from} by ${by}: rows deleted`
        : `shallow from ${from} by ${by}: removes ${edge.remove.join(', ')}`;
    return edge.description ? `${what} (${edge.description})` : what;
  });
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const SEVERITY_ORDER: Record<FindingSeverity, number> = { fail: 0, review: 1, note: 2 };

/**
 * Checks that erasing a data subject reaches every personal attribute of a set of tables (the
 * attributes whose `.meta({ personalData })` names a category). Reports, as values:
 *
 * - `fail`: a table without a decision; a personal attribute no delete or removal reaches; an
 *   edge whose parent table is not in the set.
 * - `review`: every `none` decision (a person reads the justification).
 * - `note`: a cascade table no erased row leads to.
 *
 * @example
 * const report = verifyErasure([users, rooms, topics, follows, messages, settings]);
 * if (report.status === 'fail') console.log(formatErasureReport(report));
 */
export function verifyErasure(tables: readonly AnyTableDefinition[]): ErasureReport {
  const graph = buildErasureGraph(tables);
  const { deleted, removed } = erasureReach(graph);
  const findings: ErasureFinding[] = [];
  const coverage: TableCoverage[] = [];
  for (const d of graph.dangling) {
    findings.push({
      severity: 'fail',
      code: 'edge.parent-missing',
      table: d.child,
      message: `edge ${d.position} cascades from table ${d.parent}, which is not in the verified set`,
    });
  }
  for (const [name, table] of graph.tables) {
    const decision = table.erasure?.kind ?? 'missing';
    const rowsDeleted = deleted.has(name);
    const personal: PersonalAttribute[] = [];
    for (const info of table.attributes) {
      const category = personalCategory(info);
      if (category === undefined) continue;
      const erasedBy: ErasedBy = rowsDeleted
        ? 'delete'
        : isRemoved(info.path, removed.get(name))
          ? 'removal'
          : 'nothing';
      const purpose = typeof info.meta.purpose === 'string' ? info.meta.purpose : undefined;
      personal.push({
        path: info.path,
        savedAs: info.savedAs,
        category,
        ...(purpose !== undefined ? { purpose } : {}),
        erasedBy,
      });
    }
    coverage.push({
      table: name,
      decision,
      rowsDeleted,
      details: describeEdges(graph, table),
      personal,
    });
    const kept = personal.filter((p) => p.erasedBy === 'nothing');
    const list = kept.map((p) => `${p.path} (${p.category})`).join(', ');
    if (decision === 'missing') {
      findings.push({
        severity: 'fail',
        code: 'decision.missing',
        table: name,
        message: `no erasure decision (declare none, subject or cascade)${list ? `; personal attributes: ${list}` : ''}`,
      });
      continue;
    }
    if (decision === 'none') {
      const justification = table.erasure?.kind === 'none' ? table.erasure.justification : '';
      findings.push({
        severity: 'review',
        code: 'decision.none',
        table: name,
        message: `decision none: "${justification}"${list ? `; keeps personal attributes ${list}` : ''}`,
      });
      continue;
    }
    if (decision === 'cascade' && !rowsDeleted && !removed.has(name)) {
      findings.push({
        severity: 'note',
        code: 'table.unreached',
        table: name,
        message: 'no edge from a table whose rows are erased leads here: the cascade never runs',
      });
    }
    for (const p of kept) {
      findings.push({
        severity: 'fail',
        code: 'attribute.unreachable',
        table: name,
        attribute: p.path,
        category: p.category,
        message: `personal attribute ${p.path} (${p.category}) is neither deleted nor removed by any path`,
      });
    }
  }
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compare(a.table, b.table) ||
      compare(a.attribute ?? '', b.attribute ?? ''),
  );
  const status = findings.some((f) => f.severity === 'fail')
    ? 'fail'
    : findings.some((f) => f.severity === 'review')
      ? 'review'
      : 'pass';
  return { status, findings, tables: coverage };
}
