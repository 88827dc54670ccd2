import type { AnyTableDefinition } from '../define-table.js';
import { buildErasureGraph, type ErasureInput, type ErasureNode } from '../erasure/graph.js';
import {
  type ErasedBy,
  erasureReach,
  isRemoved,
  type TableCoverage,
  verifyErasure,
} from '../erasure/verify.js';
import type { AnyAttribute, DynamoType, Fields } from '../schema/attribute.js';
import type { SingleTable } from '../single-table/define-single-table.js';
import type { AnyEntityDefinition } from '../single-table/entity.js';
import type { DerivedKey } from '../single-table/entity-keys.js';
import { toCsv } from './csv.js';

/** One attribute of the inventory. */
export interface DataMapEntry {
  /** The logical table name. */
  readonly table: string;
  readonly tableDescription: string;
  /** The field path in code, e.g. `author.email` (list elements as `history[].at`). */
  readonly field: string;
  /** The attribute path as stored in DynamoDB (saved names), e.g. `a.email`. */
  readonly attribute: string;
  readonly dynamoType: DynamoType;
  /** Key roles: `partition`, `sort`, `index:<name>` (space separated), or empty. */
  readonly key: string;
  /** The personal-data category from `.meta({ personalData })`, or empty. */
  readonly personalData: string;
  readonly purpose: string;
  readonly description: string;
  /** The table's erasure decision, or `missing`. */
  readonly erasure: 'subject' | 'cascade' | 'none' | 'missing';
  /** How erasing a subject reaches the attribute, over the tables given. */
  readonly erasedBy: ErasedBy;
  /** The decision in words: the justification of `none`, or the lookup and edges. */
  readonly erasureDetail: string;
  /** The entity of a single table the attribute belongs to, or empty for a table of its own. */
  readonly entity: string;
  /** For a stored key attribute of an entity, the template it is built by (`USER#{userId}`). */
  readonly keyTemplate: string;
}

/** The inventory in the three forms a data-mapping tool or a RoPA import takes. */
export interface DataMap {
  readonly entries: readonly DataMapEntry[];
  /** JSON: `{ format, tables: [{ table, description, erasure, attributes: [...] }] }`. */
  readonly json: string;
  /** CSV (RFC 4180, CRLF), one line per attribute. */
  readonly csv: string;
}

/** The CSV columns, in order. */
export const DATA_MAP_COLUMNS = [
  'table',
  'field',
  'attribute',
  'dynamodb_type',
  'key',
  'personal_data_category',
  'purpose',
  'description',
  'erasure_decision',
  'erased_by',
  'erasure_detail',
  'entity',
  'key_template',
] as const;

interface Walked {
  readonly field: string;
  readonly attribute: string;
  readonly node: AnyAttribute;
}

function walk(fields: Fields, field: string, saved: string, out: Walked[]) {
  for (const name of Object.keys(fields)) {
    const node = fields[name]!;
    const f = field ? `${field}.${name}` : name;
    const s = saved ? `${saved}.${node.savedName ?? name}` : (node.savedName ?? name);
    // Variants of a discriminated union may share a field: list the path once.
    if (!out.some((w) => w.field === f)) out.push({ field: f, attribute: s, node });
    walkNested(node, f, s, out);
  }
}

/**
 * The fields inside a container, at the paths `table.attributes` uses: list elements at
 * `a[]`, record values at `a.*`, union members' and variants' fields at `a.b`.
 */
function walkNested(node: AnyAttribute, field: string, saved: string, out: Walked[]) {
  switch (node.kind) {
    case 'map':
      walk(node.fields as Fields, field, saved, out);
      return;
    case 'list':
      walkNested(node.element!, `${field}[]`, `${saved}[]`, out);
      return;
    case 'record':
      walkNested(node.element!, `${field}.*`, `${saved}.*`, out);
      return;
    case 'anyOf':
      for (const member of node.members ?? []) walkNested(member, field, saved, out);
      return;
    case 'discriminated':
      for (const variant of Object.values(node.variants ?? {})) walk(variant, field, saved, out);
      return;
    default:
      return;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function keyRoles(table: AnyTableDefinition, field: string): string {
  const roles: string[] = [];
  if (table.model.partitionKey.name === field) roles.push('partition');
  if (table.model.sortKey?.name === field) roles.push('sort');
  for (const index of table.model.indexes.values()) {
    if (index.partitionKey.name === field || index.sortKey?.name === field)
      roles.push(`index:${index.name}`);
  }
  return roles.join(' ');
}

const NO_ENTITY_ERASURE =
  'no erasure decision: declare one with entityErasure(entity, { kind: none, subject or cascade })';

function entityKeyRoles(entity: AnyEntityDefinition, field: string): string {
  const roles: string[] = [];
  const { primary, indexes } = entity.keys;
  if (primary.partitionKey.template.fields.includes(field)) roles.push('partition');
  if (primary.sortKey?.template.fields.includes(field)) roles.push('sort');
  for (const index of indexes.values()) {
    if (keysOf(index).some((k) => k.template.fields.includes(field)))
      roles.push(`index:${index.name}`);
  }
  return roles.join(' ');
}

function keysOf(index: { partitionKey: DerivedKey; sortKey: DerivedKey | undefined }) {
  return index.sortKey ? [index.partitionKey, index.sortKey] : [index.partitionKey];
}

/**
 * The rows of one entity: the stored key attributes with their templates (a key built from a
 * personal field holds that personal data too), the entity type attribute, then the entity's
 * own fields. The hidden `$k…` fields never appear under their internal names.
 */
function entityRows(
  entity: AnyEntityDefinition,
  covered: TableCoverage,
  reach: Reach,
): DataMapEntry[] {
  const table = entity.table as SingleTable;
  const fields = entity.fields as Fields;
  const walked: Walked[] = [];
  walk(fields, '', '', walked);
  const base = {
    table: table.name,
    tableDescription: table.config?.description ?? '',
    purpose: '',
    erasure: covered.decision,
    erasureDetail: entityDetail(covered),
    entity: entity.name,
  };
  const erasedBy = (field: string): ErasedBy =>
    reach.deleted ? 'delete' : isRemoved(field, reach.removed) ? 'removal' : 'nothing';
  const primaryKeys = new Set([entity.keys.primary.partitionKey, entity.keys.primary.sortKey]);
  const rows: DataMapEntry[] = [];
  const seen = new Set<string>();
  const { primary, indexes } = entity.keys;
  const keyRows: { key: DerivedKey; role: string }[] = [
    { key: primary.partitionKey, role: 'partition' },
    ...(primary.sortKey ? [{ key: primary.sortKey, role: 'sort' }] : []),
  ];
  for (const index of indexes.values()) {
    for (const key of keysOf(index)) keyRows.push({ key, role: `index:${index.name}` });
  }
  for (const { key, role } of keyRows) {
    if (seen.has(key.attribute)) continue;
    seen.add(key.attribute);
    const read = key.template.fields;
    const categories = [
      ...new Set(read.map((f) => text(fields[f]?.metadata.personalData).trim()).filter(Boolean)),
    ];
    // An index key built from a removed field is removed with it (the table's key never is).
    const keyErasedBy: ErasedBy = reach.deleted
      ? 'delete'
      : !primaryKeys.has(key) && read.some((f) => isRemoved(f, reach.removed))
        ? 'removal'
        : 'nothing';
    rows.push({
      ...base,
      erasedBy: keyErasedBy,
      field: '',
      attribute: key.attribute,
      dynamoType: 'S',
      key: role,
      personalData: categories.join(' '),
      description: read.length ? `built from ${read.join(', ')}` : 'a constant',
      keyTemplate: key.template.template,
    });
  }
  rows.push({
    ...base,
    erasedBy: reach.deleted ? 'delete' : 'nothing',
    field: '',
    attribute: table.entityAttribute,
    dynamoType: 'S',
    key: '',
    personalData: '',
    description: `entity type: ${entity.name}`,
    keyTemplate: '',
  });
  for (const w of walked) {
    const meta = w.node.metadata;
    rows.push({
      ...base,
      erasedBy: erasedBy(w.field),
      field: w.field,
      attribute: w.attribute,
      dynamoType: w.node.dynamoType,
      key: w.field.includes('.') || w.field.includes('[') ? '' : entityKeyRoles(entity, w.field),
      personalData: text(meta.personalData).trim(),
      purpose: text(meta.purpose),
      description: text(meta.description),
      keyTemplate: '',
    });
  }
  return rows;
}

/** How erasure reaches a node: its rows deleted, or these paths removed. */
interface Reach {
  readonly deleted: boolean;
  readonly removed: ReadonlySet<string> | undefined;
}

function entityDetail(covered: TableCoverage): string {
  return covered.decision === 'missing' ? NO_ENTITY_ERASURE : covered.details.join('; ');
}

function entityDocument(
  entity: AnyEntityDefinition,
  covered: TableCoverage,
  rows: readonly DataMapEntry[],
) {
  const keys: Record<string, string> = {};
  for (const row of rows) if (row.keyTemplate) keys[row.attribute] = row.keyTemplate;
  return {
    table: rows[0]!.table,
    entity: entity.name,
    description: entity.definition.description ?? '',
    keys,
    erasure: {
      decision: covered.decision,
      detail: covered.decision === 'missing' ? [NO_ENTITY_ERASURE] : covered.details,
    },
    attributes: rows.map(
      ({ table: _t, tableDescription: _d, erasure: _e, erasureDetail: _x, entity: _n, ...rest }) =>
        rest,
    ),
  };
}

/**
 * A data inventory of a set of tables: every attribute (nested ones too) with its stored name,
 * DynamoDB type, key role, personal-data category, purpose and description, and the table's
 * erasure decision with how erasure reaches the attribute. As entries, JSON and CSV. A single
 * table (from `defineSingleTable`, or any of its entities or their `entityErasure(...)`
 * declarations) is listed entity by entity: each entity's stored key attributes with the
 * templates they are built by, then its own fields, with the entity's erasure decision.
 *
 * @example
 * const map = toDataMap([users, rooms, messages, shop, userErasure, orderErasure]);
 * await writeFile('data-map.csv', map.csv);
 */
export function toDataMap(tables: readonly ErasureInput[]): DataMap {
  const graph = buildErasureGraph(tables);
  const report = verifyErasure(tables);
  const coverage = new Map(
    report.tables.map((t) => [t.entity === undefined ? t.table : `${t.table}/${t.entity}`, t]),
  );
  const { deleted, removed } = erasureReach(graph);
  const entries: DataMapEntry[] = [];
  const documents: unknown[] = [];
  const singles = new Map<string, ErasureNode[]>();
  for (const [name, node] of graph.nodes) {
    const covered = coverage.get(name)!;
    if (node.entity) {
      singles.set(node.table, [...(singles.get(node.table) ?? []), node]);
      continue;
    }
    const table = node.definition;
    const walked: Walked[] = [];
    walk(table.item.fields as Fields, '', '', walked);
    const erasureDetail = covered.details.join('; ');
    const rows = walked.map((w): DataMapEntry => {
      const meta = w.node.metadata;
      const personalData = text(meta.personalData).trim();
      return {
        table: name,
        tableDescription: table.description ?? '',
        field: w.field,
        attribute: w.attribute,
        dynamoType: w.node.dynamoType,
        key: w.field.includes('.') || w.field.includes('[') ? '' : keyRoles(table, w.field),
        personalData,
        purpose: text(meta.purpose),
        description: text(meta.description),
        erasure: covered.decision,
        erasedBy: deleted.has(name)
          ? 'delete'
          : isRemoved(w.field, removed.get(name))
            ? 'removal'
            : 'nothing',
        erasureDetail,
        entity: '',
        keyTemplate: '',
      };
    });
    entries.push(...rows);
    documents.push({
      table: name,
      description: table.description ?? '',
      erasure: { decision: covered.decision, detail: covered.details },
      attributes: rows.map(
        ({
          table: _t,
          tableDescription: _d,
          erasure: _e,
          erasureDetail: _x,
          entity: _n,
          keyTemplate: _k,
          ...rest
        }) => rest,
      ),
    });
  }
  // Single tables after the tables (by name), each entity by entity in definition order.
  for (const nodes of singles.values()) {
    const order = [...((nodes[0]!.entity!.table as SingleTable).entities?.values() ?? [])];
    nodes.sort((a, b) => order.indexOf(a.entity!) - order.indexOf(b.entity!));
    for (const node of nodes) {
      const covered = coverage.get(node.name)!;
      const reach = { deleted: deleted.has(node.name), removed: removed.get(node.name) };
      const rows = entityRows(node.entity!, covered, reach);
      entries.push(...rows);
      documents.push(entityDocument(node.entity!, covered, rows));
    }
  }
  const csv = toCsv(
    DATA_MAP_COLUMNS,
    entries.map((e) => [
      e.table,
      e.field,
      e.attribute,
      e.dynamoType,
      e.key,
      e.personalData,
      e.purpose,
      e.description,
      e.erasure,
      e.erasedBy,
      e.erasureDetail,
      e.entity,
      e.keyTemplate,
    ]),
  );
  const json = `${JSON.stringify({ format: 'dynamite-data-map@1', tables: documents }, null, 2)}\n`;
  return { entries, json, csv };
}
