import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { TableModel } from '../model/table-model.js';
import type { AnyErasureDecision, AnyErasureEdge } from './decision.js';

const DECISION_KEYS: Record<string, readonly string[]> = {
  none: ['kind', 'justification', 'keeps'],
  subject: ['kind', 'index', 'key'],
  cascade: ['kind', 'edges'],
};

// `table` is the label of what declares the decision: `table users`, `entity order of shop`.
function invalid(table: string, message: string): never {
  throw new DynamiteError('definition.invalid', `${table}: erasure ${message}`);
}

function checkKeys(table: string, what: string, value: object, allowed: readonly string[]) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      invalid(
        table,
        `${what} has an unknown option ${JSON.stringify(key)}; valid: ${allowed.join(', ')}`,
      );
    }
  }
}

function checkAccess(table: string, model: TableModel, what: string, index: unknown, key: unknown) {
  if (typeof key !== 'function') {
    invalid(
      table,
      `${what} needs a key function building the key query, got ${describeValue(key)}`,
    );
  }
  if (index !== undefined && (typeof index !== 'string' || !model.indexes.has(index))) {
    const names = [...model.indexes.keys()];
    invalid(
      table,
      `${what} queries index ${describeValue(index)}, which the table does not have; indexes: ${names.join(', ') || 'none'}`,
    );
  }
}

function checkEdge(table: string, model: TableModel, edge: AnyErasureEdge, position: number) {
  const what = `edge ${position}`;
  if (
    typeof edge !== 'object' ||
    edge === null ||
    (edge.kind !== 'deep' && edge.kind !== 'shallow')
  ) {
    invalid(table, `${what} must be made by deep(...) or shallow(...), got ${describeValue(edge)}`);
  }
  const parent = edge.parent as unknown;
  const named = typeof parent === 'string' && parent !== '';
  if (!named && typeof parent !== 'function' && (typeof parent !== 'object' || parent === null)) {
    invalid(table, `${what} needs a parent table, a function returning it, or its name`);
  }
  checkAccess(table, model, what, edge.index, edge.key);
  if (edge.kind === 'shallow') {
    if (!Array.isArray(edge.remove) || edge.remove.length === 0) {
      invalid(
        table,
        `${what} (shallow) needs the fields to remove, got ${describeValue(edge.remove)}`,
      );
    }
    for (const path of edge.remove) {
      const resolved = typeof path === 'string' ? model.paths.get(path) : undefined;
      if (!resolved) {
        invalid(table, `${what} removes ${describeValue(path)}, which is not an attribute path`);
      }
      if (!resolved.attribute.isOptional) {
        invalid(
          table,
          `${what} removes ${path}, which is required; only .optional() attributes can be removed`,
        );
      }
    }
  }
}

/**
 * Checks a table's erasure decision at definition time and returns it frozen, or `undefined`
 * when the table declares none (which `verifyErasure` reports).
 */
export function checkErasureDecision(
  model: TableModel,
  decision: unknown,
  label = `table ${model.name}`,
): AnyErasureDecision | undefined {
  const table = label;
  if (decision === undefined) return undefined;
  if (typeof decision !== 'object' || decision === null) {
    invalid(
      table,
      `must be an object with kind none, subject or cascade, got ${describeValue(decision)}`,
    );
  }
  const d = decision as AnyErasureDecision;
  const allowed = DECISION_KEYS[d.kind as string];
  if (!allowed) {
    invalid(table, `kind must be 'none', 'subject' or 'cascade', got ${describeValue(d.kind)}`);
  }
  checkKeys(table, `decision ${d.kind}`, d, allowed);
  switch (d.kind) {
    case 'none':
      if (typeof d.justification !== 'string' || d.justification.trim() === '') {
        invalid(
          table,
          `'none' needs a written justification, got ${describeValue(d.justification)}`,
        );
      }
      if (d.keeps !== undefined) {
        if (typeof d.keeps !== 'object' || d.keeps === null || Array.isArray(d.keeps)) {
          invalid(
            table,
            `'none' keeps must map attribute paths to reasons, got ${describeValue(d.keeps)}`,
          );
        }
        for (const [path, reason] of Object.entries(d.keeps)) {
          if (!model.paths.has(path)) {
            invalid(table, `'none' keeps ${JSON.stringify(path)}, which is not an attribute path`);
          }
          if (typeof reason !== 'string' || reason.trim() === '') {
            invalid(table, `'none' keeps ${path} without a reason, got ${describeValue(reason)}`);
          }
        }
        return Object.freeze({ ...d, keeps: Object.freeze({ ...d.keeps }) });
      }
      break;
    case 'subject':
      checkAccess(table, model, "'subject'", d.index, d.key);
      break;
    case 'cascade':
      if (!Array.isArray(d.edges) || d.edges.length === 0) {
        invalid(table, `'cascade' needs at least one edge, got ${describeValue(d.edges)}`);
      }
      for (const [i, edge] of d.edges.entries()) checkEdge(table, model, edge, i);
      return Object.freeze({ kind: 'cascade', edges: Object.freeze([...d.edges]) });
  }
  return Object.freeze({ ...d });
}
