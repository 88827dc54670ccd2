import type { AnyTableDefinition } from '../define-table.js';
import {
  type AnyErasureDecision,
  type AnyErasureEdge,
  parentName,
} from '../erasure-policy/decision.js';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';

/** One declared edge, seen from its parent: erasing a parent row leads to rows of `child`. */
export interface ErasureLink {
  readonly child: string;
  readonly parent: string;
  /** Position of the edge among the child's declared edges. */
  readonly position: number;
  readonly edge: AnyErasureEdge;
}

/** The declared erasure graph of a set of tables, in a deterministic order. */
export interface ErasureGraph {
  /** Tables by logical name, sorted by name. */
  readonly tables: ReadonlyMap<string, AnyTableDefinition>;
  /** Names of the tables with a `subject` decision, sorted. */
  readonly subjects: readonly string[];
  /** Edges by parent name; each list sorted by child name, then declaration order. */
  readonly children: ReadonlyMap<string, readonly ErasureLink[]>;
  /** Edges whose parent is not in the set, as `[child, position, parent name]`. */
  readonly dangling: readonly { child: string; position: number; parent: string }[];
}

function isDefinition(value: unknown): value is AnyTableDefinition {
  const v = value as AnyTableDefinition | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.name === 'string' &&
    typeof v.model === 'object' &&
    Array.isArray(v.attributes)
  );
}

/** The decision of a table (definitions made before erasure existed have none). */
export function decisionOf(table: AnyTableDefinition): AnyErasureDecision | undefined {
  return table.erasure;
}

/**
 * Builds the erasure graph of a set of tables. Table names must be unique; a parent may be
 * missing from the set (reported in `dangling`), which `verifyErasure` turns into a failure.
 */
export function buildErasureGraph(definitions: readonly AnyTableDefinition[]): ErasureGraph {
  if (!Array.isArray(definitions)) {
    throw new DynamiteError(
      'request.invalid',
      `erasure needs an array of table definitions, got ${describeValue(definitions)}`,
    );
  }
  const byName = new Map<string, AnyTableDefinition>();
  for (const [i, table] of definitions.entries()) {
    if (!isDefinition(table)) {
      throw new DynamiteError(
        'request.invalid',
        `erasure: entry ${i} is not a table definition (made by defineTable), got ${describeValue(table)}`,
      );
    }
    const seen = byName.get(table.name);
    if (seen && seen !== table) {
      throw new DynamiteError(
        'request.invalid',
        `erasure: two different tables are named ${JSON.stringify(table.name)}; names must be unique`,
      );
    }
    byName.set(table.name, table);
  }
  const names = [...byName.keys()].sort();
  const tables = new Map(names.map((name) => [name, byName.get(name)!]));
  const children = new Map<string, ErasureLink[]>();
  const dangling: { child: string; position: number; parent: string }[] = [];
  const subjects: string[] = [];
  for (const name of names) {
    const decision = decisionOf(tables.get(name)!);
    if (decision?.kind === 'subject') subjects.push(name);
    if (decision?.kind !== 'cascade') continue;
    decision.edges.forEach((edge, position) => {
      const parent = parentName(edge.parent);
      if (typeof parent !== 'string') {
        throw new DynamiteError(
          'definition.invalid',
          `table ${name}: erasure edge ${position} has no parent table (got ${describeValue(parent)})`,
        );
      }
      if (tables.get(parent) === undefined) {
        dangling.push({ child: name, position, parent });
        return;
      }
      const list = children.get(parent) ?? [];
      list.push({ child: name, parent, position, edge });
      children.set(parent, list);
    });
  }
  return { tables, subjects, children, dangling };
}
