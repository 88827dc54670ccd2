import type { AttributeInfo } from '../schema/item-schema.js';
import { derivedIndex } from '../single-table/entity-keys.js';
import {
  buildErasureGraph,
  type ErasureGraph,
  type ErasureInput,
  type ErasureNode,
} from './graph.js';

/** How bad a finding is: `fail` blocks, `review` needs a person to look, `note` informs. */
export type FindingSeverity = 'fail' | 'review' | 'note';

/**
 * What a finding is about:
 *
 * - `decision.missing` (fail): a table has no erasure decision (one finding per personal
 *   attribute, or one for the table when it has none);
 * - `attribute.unreachable` (fail): a personal attribute no delete or removal reaches;
 * - `edge.parent-missing` (fail): an edge cascades from a table outside the verified set;
 * - `attribute.kept-unjustified` (fail): a personal attribute of a `none` table whose
 *   decision does not say, in `keeps`, why it is kept;
 * - `decision.none` (review): a `none` decision, for a person to read its justification;
 * - `attribute.kept` (review): a personal attribute a `none` table keeps, with the reason;
 * - `reference.survives` (review): a value referring to the subject outlives its erasure: the
 *   attribute a shallow edge finds rows by, when the edge does not remove it (a required key
 *   field such as `inviterId`), or an attribute marked `.meta({ subjectReference: true })`
 *   that a `none` table keeps (the subject id in the erasure ledger);
 * - `table.unreached` (note): a cascade table no erased row leads to.
 */
export type FindingCode =
  | 'decision.missing'
  | 'attribute.unreachable'
  | 'edge.parent-missing'
  | 'attribute.kept-unjustified'
  | 'decision.none'
  | 'attribute.kept'
  | 'reference.survives'
  | 'table.unreached';

/** One thing `verifyErasure` found, with the table (entity) and attribute it is about as fields. */
export interface ErasureFinding {
  readonly severity: FindingSeverity;
  readonly code: FindingCode;
  readonly table: string;
  /** The entity, for a finding about an entity of a single table. */
  readonly entity?: string;
  /** The attribute path, for attribute findings. */
  readonly attribute?: string;
  /** The personal-data category, for findings on a personal attribute. */
  readonly category?: string;
  /** The edge's position among the table's edges, for edge findings. */
  readonly edge?: number;
  /** The parent an edge names (`table`, or `table/entity`), for edge findings. */
  readonly parent?: string;
  /** Why the attribute is kept, as the decision says (`attribute.kept`, `reference.survives`). */
  readonly reason?: string;
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
  /** Why a `none` table keeps it, when its decision says. */
  readonly kept?: string;
}

/** One table's (or entity's) decision and what it covers. */
export interface TableCoverage {
  readonly table: string;
  /** The entity, for an entity of a single table. */
  readonly entity?: string;
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

/** Whether the attribute is declared to hold a reference to the data subject. */
function isSubjectReference(info: AttributeInfo): boolean {
  return info.meta.subjectReference === true;
}

/**
 * The attributes shallow edges find rows by and leave in place: they hold a value derived from
 * the erased row (the subject's id, say), which survives the erasure.
 */
function survivingReferences(
  graph: ErasureGraph,
  deleted: ReadonlySet<string>,
  removed: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, { path: string; parent: string; edge: number }[]> {
  const out = new Map<string, { path: string; parent: string; edge: number }[]>();
  for (const parent of deleted) {
    for (const link of graph.children.get(parent) ?? []) {
      if (link.edge.kind !== 'shallow' || deleted.has(link.child)) continue;
      const list = out.get(link.child) ?? [];
      for (const path of lookupFields(graph.nodes.get(link.child)!, link.edge.index)) {
        if (isRemoved(path, removed.get(link.child))) continue;
        if (!list.some((r) => r.path === path)) list.push({ path, parent, edge: link.position });
      }
      if (list.length) out.set(link.child, list);
    }
  }
  return out;
}

/**
 * The fields a key query on a table or index finds rows by: its partition key, or for an
 * entity, the fields its partition key template reads (`USER#{userId}`: userId).
 */
function lookupFields(node: ErasureNode, index: string | undefined): string[] {
  if (node.entity) return [...derivedIndex(node.entity.keys, index).partitionKey.template.fields];
  const model = node.definition.model;
  const found = index === undefined ? undefined : model.indexes.get(index);
  return [(found ?? model).partitionKey.name];
}

function describeEdges(graph: ErasureGraph, node: ErasureNode): string[] {
  const decision = node.decision;
  if (!decision) return [];
  if (decision.kind === 'none') {
    return [
      decision.justification,
      ...Object.entries(decision.keeps ?? {}).map(([path, reason]) => `keeps ${path}: ${reason}`),
    ];
  }
  if (decision.kind === 'subject') {
    return [
      `rows found from the subject id by ${decision.index ? `index ${decision.index}` : 'key'}`,
    ];
  }
  const parents = new Map<number, string>();
  for (const links of graph.children.values()) {
    for (const link of links) if (link.child === node.name) parents.set(link.position, link.parent);
  }
  for (const d of graph.dangling) if (d.child === node.name) parents.set(d.position, d.parent);
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

/** The table (and entity) fields of a finding or coverage entry about a node. */
function where(node: ErasureNode): { table: string; entity?: string } {
  return node.entity ? { table: node.table, entity: node.entity.name } : { table: node.table };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const SEVERITY_ORDER: Record<FindingSeverity, number> = { fail: 0, review: 1, note: 2 };

/**
 * Checks that erasing a data subject reaches every personal attribute of a set of tables (the
 * attributes whose `.meta({ personalData })` names a category). Reports, as values:
 *
 * - `fail`: a table without a decision; a personal attribute no delete or removal reaches; an
 *   edge whose parent table is not in the set; a personal attribute a `none` table keeps
 *   without saying why.
 * - `review`: every `none` decision (a person reads the justification), each personal
 *   attribute it keeps, and each reference to the subject that survives erasure.
 * - `note`: a cascade table no erased row leads to.
 *
 * Each finding names its table and attribute (or edge) in fields, not only in the message.
 *
 * @example
 * const report = verifyErasure([users, rooms, topics, follows, messages, settings]);
 * if (report.status === 'fail') console.log(formatErasureReport(report));
 */
export function verifyErasure(tables: readonly ErasureInput[]): ErasureReport {
  const graph = buildErasureGraph(tables);
  const { deleted, removed } = erasureReach(graph);
  const references = survivingReferences(graph, deleted, removed);
  const findings: ErasureFinding[] = [];
  const coverage: TableCoverage[] = [];
  for (const d of graph.dangling) {
    const child = graph.nodes.get(d.child)!;
    findings.push({
      severity: 'fail',
      code: 'edge.parent-missing',
      ...where(child),
      edge: d.position,
      parent: d.parent,
      message: `edge ${d.position} cascades from ${d.parent.includes('/') ? 'entity' : 'table'} ${d.parent}, which is not in the verified set`,
    });
  }
  for (const [name, node] of graph.nodes) {
    const table = { ...where(node) };
    const erasure = node.decision;
    const decision = erasure?.kind ?? 'missing';
    const keeps: Readonly<Record<string, string>> =
      erasure?.kind === 'none' ? (erasure.keeps ?? {}) : {};
    const rowsDeleted = deleted.has(name);
    const personal: PersonalAttribute[] = [];
    const infos = new Map<string, AttributeInfo>();
    for (const info of node.definition.attributes) {
      // An entity's hidden key fields are the table's, never its own data.
      if (node.entity && info.path.startsWith('$')) continue;
      infos.set(info.path, info);
      const category = personalCategory(info);
      if (category === undefined) continue;
      const erasedBy: ErasedBy = rowsDeleted
        ? 'delete'
        : isRemoved(info.path, removed.get(name))
          ? 'removal'
          : 'nothing';
      const purpose = typeof info.meta.purpose === 'string' ? info.meta.purpose : undefined;
      const kept = keeps[info.path];
      personal.push({
        path: info.path,
        savedAs: info.savedAs,
        category,
        ...(purpose !== undefined ? { purpose } : {}),
        erasedBy,
        ...(kept !== undefined ? { kept } : {}),
      });
    }
    coverage.push({
      ...table,
      decision,
      rowsDeleted,
      details: describeEdges(graph, node),
      personal,
    });
    const notErased = personal.filter((p) => p.erasedBy === 'nothing');
    const attributeOf = (p: PersonalAttribute) => ({ attribute: p.path, category: p.category });
    if (decision === 'missing') {
      if (notErased.length === 0) {
        findings.push({
          severity: 'fail',
          code: 'decision.missing',
          ...table,
          message: 'no erasure decision (declare none, subject or cascade)',
        });
      }
      for (const p of notErased) {
        findings.push({
          severity: 'fail',
          code: 'decision.missing',
          ...table,
          ...attributeOf(p),
          message: `no erasure decision, so personal attribute ${p.path} (${p.category}) is never erased (declare none, subject or cascade)`,
        });
      }
      continue;
    }
    if (decision === 'none') {
      const justification = erasure?.kind === 'none' ? erasure.justification : '';
      findings.push({
        severity: 'review',
        code: 'decision.none',
        ...table,
        message: `decision none: "${justification}"`,
      });
      for (const p of notErased) {
        if (p.kept === undefined) {
          findings.push({
            severity: 'fail',
            code: 'attribute.kept-unjustified',
            ...table,
            ...attributeOf(p),
            message: `personal attribute ${p.path} (${p.category}) is kept by decision none, which does not say why: add keeps: { '${p.path}': '<why it is kept>' }, or erase it`,
          });
          continue;
        }
        const reference = isSubjectReference(infos.get(p.path)!);
        findings.push({
          severity: 'review',
          code: reference ? 'reference.survives' : 'attribute.kept',
          ...table,
          ...attributeOf(p),
          reason: p.kept,
          message: `${reference ? 'the subject reference' : 'personal attribute'} ${p.path} (${p.category}) survives erasure: ${p.kept}`,
        });
      }
      continue;
    }
    if (decision === 'cascade' && !rowsDeleted && !removed.has(name)) {
      findings.push({
        severity: 'note',
        code: 'table.unreached',
        ...table,
        message: 'no edge from a table whose rows are erased leads here: the cascade never runs',
      });
    }
    for (const p of notErased) {
      findings.push({
        severity: 'fail',
        code: 'attribute.unreachable',
        ...table,
        ...attributeOf(p),
        message: `personal attribute ${p.path} (${p.category}) is neither deleted nor removed by any path`,
      });
    }
    for (const ref of references.get(name) ?? []) {
      if (notErased.some((p) => p.path === ref.path)) continue; // already a failure above
      const info = infos.get(ref.path)!;
      const category = personalCategory(info);
      findings.push({
        severity: 'review',
        code: 'reference.survives',
        ...table,
        attribute: ref.path,
        ...(category !== undefined ? { category } : {}),
        edge: ref.edge,
        parent: ref.parent,
        message: `${ref.path} survives erasure: edge ${ref.edge} finds rows by it from erased rows of ${ref.parent} but does not remove it${info.optional ? '' : ' (it is required, so it cannot be removed)'}; decide whether that reference may stay`,
      });
    }
  }
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compare(a.table, b.table) ||
      compare(a.entity ?? '', b.entity ?? '') ||
      compare(a.attribute ?? '', b.attribute ?? ''),
  );
  const status = findings.some((f) => f.severity === 'fail')
    ? 'fail'
    : findings.some((f) => f.severity === 'review')
      ? 'review'
      : 'pass';
  return { status, findings, tables: coverage };
}
