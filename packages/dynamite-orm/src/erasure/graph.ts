import type { AnyTableDefinition } from '../define-table.js';
import {
  type AnyErasureDecision,
  type AnyErasureEdge,
  entityNodeName,
  isEntityParent,
  parentName,
} from '../erasure-policy/decision.js';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { Fields } from '../schema/attribute.js';
import type { SingleTable } from '../single-table/define-single-table.js';
import type { AnyEntity } from '../single-table/entity.js';
import { type EntityErasure, isEntityErasure } from './entity-erasure.js';

/**
 * What erasure, verification and the exports take: table definitions, single tables (all
 * their entities), entities, and entity erasure declarations ({@link EntityErasure}).
 */
export type ErasureInput = AnyTableDefinition | SingleTable | AnyEntity | EntityErasure;

/**
 * One thing erasure plans over: a table, or one entity of a single table (its items, decoded
 * by its own schema; the other entities' items in the same table are not its rows).
 */
export interface ErasureNode {
  /** The table's logical name, or `table/entity` for an entity. */
  readonly name: string;
  /** The logical table name (shared by the entities of a single table). */
  readonly table: string;
  /** The entity, for a node of a single table. */
  readonly entity: AnyEntity | undefined;
  /** The table's definition, or the entity's (with its hidden key fields). */
  readonly definition: AnyTableDefinition;
  readonly decision: AnyErasureDecision | undefined;
  /** The fields in code: the table's item fields, or the entity's own fields. */
  readonly fields: Fields;
}

/** One declared edge, seen from its parent: erasing a parent row leads to rows of `child`. */
export interface ErasureLink {
  readonly child: string;
  readonly parent: string;
  /** Position of the edge among the child's declared edges. */
  readonly position: number;
  readonly edge: AnyErasureEdge;
}

/** The declared erasure graph of a set of tables and entities, in a deterministic order. */
export interface ErasureGraph {
  /** Tables and entities by name (`table` or `table/entity`), sorted by name. */
  readonly nodes: ReadonlyMap<string, ErasureNode>;
  /** Names of the nodes with a `subject` decision, sorted. */
  readonly subjects: readonly string[];
  /** Edges by parent name; each list sorted by child name, then declaration order. */
  readonly children: ReadonlyMap<string, readonly ErasureLink[]>;
  /** Edges whose parent is not in the set, as `[child, position, parent name]`. */
  readonly dangling: readonly { child: string; position: number; parent: string }[];
}

/** Whether a value is a table definition (made by defineTable). */
export function isDefinition(value: unknown): value is AnyTableDefinition {
  const v = value as AnyTableDefinition | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.name === 'string' &&
    typeof v.model === 'object' &&
    Array.isArray(v.attributes)
  );
}

/** Whether a value is an entity of a single table (made by `table.entity`). */
export function isEntity(value: unknown): value is AnyEntity {
  return (
    isEntityParent(value) &&
    isDefinition((value as AnyEntity).definition) &&
    typeof (value as AnyEntity).keys === 'object'
  );
}

/**
 * Whether a value is a single table (made by `defineSingleTable`), known by its shape so that
 * one loaded through another copy of this package still counts.
 */
export function isSingleTable(value: unknown): value is SingleTable {
  const v = value as Partial<SingleTable> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.entities instanceof Map &&
    isDefinition(v.physical) &&
    typeof v.entityAttribute === 'string'
  );
}

/** The node of a table definition. */
export function tableNode(table: AnyTableDefinition): ErasureNode {
  return {
    name: table.name,
    table: table.name,
    entity: undefined,
    definition: table,
    decision: table.erasure,
    fields: table.item.fields as Fields,
  };
}

/** The node of an entity, with its decision (if declared). */
export function entityNode(
  entity: AnyEntity,
  decision: AnyErasureDecision | undefined,
): ErasureNode {
  return {
    name: entityNodeName(entity.table.name, entity.name),
    table: entity.table.name,
    entity,
    definition: entity.definition,
    decision,
    fields: entity.fields as Fields,
  };
}

function siblingsOf(entity: AnyEntity): readonly AnyEntity[] {
  const entities = (entity.table as Partial<SingleTable>).entities;
  return entities instanceof Map ? [...entities.values()] : [entity];
}

/**
 * The nodes of a list of inputs. An entity (or its declaration, or its single table) brings
 * every entity of its table: they share the stored table, so an entity left out would be data
 * nobody decided about. A single table's `physical` definition given next to its entities is
 * the same table and is dropped.
 */
export function erasureNodes(inputs: readonly ErasureInput[]): ErasureNode[] {
  if (!Array.isArray(inputs)) {
    throw new DynamiteError(
      'request.invalid',
      `erasure needs an array of table definitions, single tables or entities, got ${describeValue(inputs)}`,
    );
  }
  const definitions: AnyTableDefinition[] = [];
  const entities = new Set<AnyEntity>();
  const decisions = new Map<AnyEntity, AnyErasureDecision>();
  for (const [i, input] of inputs.entries()) {
    if (isEntityErasure(input)) {
      const seen = decisions.get(input.entity);
      if (seen && seen !== input.decision) {
        throw new DynamiteError(
          'request.invalid',
          `erasure: entity ${input.entity.name} of ${input.entity.table.name} has two erasure declarations`,
        );
      }
      decisions.set(input.entity, input.decision);
      for (const e of siblingsOf(input.entity)) entities.add(e);
    } else if (isSingleTable(input)) {
      for (const e of input.entities.values()) entities.add(e);
    } else if (isEntity(input)) {
      for (const e of siblingsOf(input)) entities.add(e);
    } else if (isDefinition(input)) {
      definitions.push(input);
    } else {
      throw new DynamiteError(
        'request.invalid',
        `erasure: entry ${i} is not a table definition (defineTable), a single table (defineSingleTable), an entity or an entityErasure(...), got ${describeValue(input)}`,
      );
    }
  }
  const singles = new Map<string, unknown>();
  for (const e of entities) singles.set(e.table.name, e.table);
  const nodes: ErasureNode[] = [];
  for (const table of definitions) {
    const single = singles.get(table.name) as SingleTable | undefined;
    if (single === undefined) {
      nodes.push(tableNode(table));
      continue;
    }
    if (single.physical === table) continue;
    throw new DynamiteError(
      'request.invalid',
      `erasure: table ${table.name} is a single table of entities; give its entities, their entityErasure(...) declarations or the single table, not a definition behind them`,
    );
  }
  for (const e of entities) nodes.push(entityNode(e, decisions.get(e)));
  return nodes;
}

/**
 * Builds the erasure graph of a set of tables and entities. Names must be unique; a parent may
 * be missing from the set (reported in `dangling`), which `verifyErasure` turns into a failure.
 */
export function buildErasureGraph(inputs: readonly ErasureInput[]): ErasureGraph {
  return graphOf(erasureNodes(inputs));
}

/** The graph over nodes already made. */
export function graphOf(list: readonly ErasureNode[]): ErasureGraph {
  const byName = new Map<string, ErasureNode>();
  for (const node of list) {
    const seen = byName.get(node.name);
    if (seen && seen.definition !== node.definition) {
      throw new DynamiteError(
        'request.invalid',
        `erasure: two different tables are named ${JSON.stringify(node.name)}; names must be unique`,
      );
    }
    byName.set(node.name, node);
  }
  const names = [...byName.keys()].sort();
  const nodes = new Map(names.map((name) => [name, byName.get(name)!]));
  const children = new Map<string, ErasureLink[]>();
  const dangling: { child: string; position: number; parent: string }[] = [];
  const subjects: string[] = [];
  for (const name of names) {
    const decision = nodes.get(name)!.decision;
    if (decision?.kind === 'subject') subjects.push(name);
    if (decision?.kind !== 'cascade') continue;
    decision.edges.forEach((edge, position) => {
      const parent = parentName(edge.parent);
      if (typeof parent !== 'string') {
        throw new DynamiteError(
          'definition.invalid',
          `${describeNode(nodes.get(name)!)}: erasure edge ${position} has no parent table (got ${describeValue(parent)})`,
        );
      }
      if (nodes.get(parent) === undefined) {
        dangling.push({ child: name, position, parent });
        return;
      }
      const list = children.get(parent) ?? [];
      list.push({ child: name, parent, position, edge });
      children.set(parent, list);
    });
  }
  return { nodes, subjects, children, dangling };
}

/** A node in words: `table users`, `entity order of shop`. */
export function describeNode(node: ErasureNode): string {
  return node.entity ? `entity ${node.entity.name} of ${node.table}` : `table ${node.table}`;
}
