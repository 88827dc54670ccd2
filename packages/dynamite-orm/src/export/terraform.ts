import type { AnyTableDefinition } from '../define-table.js';
import { isEntityErasure } from '../erasure/entity-erasure.js';
import { type ErasureInput, isDefinition, isEntity, isSingleTable } from '../erasure/graph.js';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { IndexModel } from '../model/table-model.js';
import type { FieldCodec } from '../schema/codec.js';
import type { SingleTable } from '../single-table/define-single-table.js';
import type { AnyEntity } from '../single-table/entity.js';
import {
  block,
  comment,
  type HclBlock,
  type HclEntry,
  type HclValue,
  isIdentifier,
} from './hcl.js';

/** Options of {@link toTerraform}. */
export interface TerraformOptions {
  /** The physical table name of a table (default: its logical name). */
  tableName?: (table: AnyTableDefinition) => string;
  /** The Terraform resource name of a table (default: the logical name, made a valid identifier). */
  resourceName?: (table: AnyTableDefinition) => string;
  /** Emit `point_in_time_recovery { enabled = ... }` (default true). */
  pointInTimeRecovery?: boolean;
  /** Emit `deletion_protection_enabled` with this value (left out when not given). */
  deletionProtection?: boolean;
  /** Tags of every table. */
  tags?: Readonly<Record<string, string>>;
}

const OPTION_KEYS = [
  'tableName',
  'resourceName',
  'pointInTimeRecovery',
  'deletionProtection',
  'tags',
];

function invalid(message: string): never {
  throw new DynamiteError('request.invalid', `toTerraform: ${message}`);
}

/** A valid, unique resource identifier made from a table name. */
function identifierFor(name: string, used: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9_-]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
  let candidate = base;
  for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
  used.add(candidate);
  return candidate;
}

function attr(attribute: string, value: HclValue): HclEntry {
  return { attribute, value };
}

function projection(
  index: IndexModel,
  keyNames: ReadonlySet<string>,
  savedOf: (f: string) => string,
): HclEntry[] {
  if (index.projection === 'all') return [attr('projection_type', 'ALL')];
  if (index.projection === 'keys') return [attr('projection_type', 'KEYS_ONLY')];
  const extra = [...new Set(index.projection.map(savedOf))].filter((n) => !keyNames.has(n)).sort();
  // Every projected field is a key: DynamoDB keeps keys anyway, so that is KEYS_ONLY.
  if (extra.length === 0) return [attr('projection_type', 'KEYS_ONLY')];
  return [attr('projection_type', 'INCLUDE'), attr('non_key_attributes', extra)];
}

/** A table to write: its definition, and for a single table the TTL attribute its entities use. */
interface Physical {
  readonly table: AnyTableDefinition;
  readonly ttl: string | undefined;
}

/**
 * The physical tables of the inputs, each once: a single table, an entity and an entity's
 * erasure declaration all stand for the single table's one `physical` table. Its TTL is the
 * attribute its entities' `ttl` fields are saved as (DynamoDB has one per table).
 */
function physicalTables(inputs: readonly ErasureInput[]): Physical[] {
  const singles = new Map<AnyTableDefinition, SingleTable>();
  const out = new Map<AnyTableDefinition, Physical>();
  for (const [i, input] of inputs.entries()) {
    const entity: AnyEntity | undefined = isEntityErasure(input)
      ? input.entity
      : isEntity(input)
        ? input
        : undefined;
    const single = isSingleTable(input) ? input : (entity?.table as SingleTable | undefined);
    if (single) {
      singles.set(single.physical, single);
      continue;
    }
    if (!isDefinition(input)) {
      invalid(
        `entry ${i} is not a table definition, a single table or an entity, got ${describeValue(input)}`,
      );
    }
    out.set(input, { table: input, ttl: input.model.ttl?.savedAs });
  }
  for (const [physical, single] of singles) {
    const ttls = new Map<string, string>();
    for (const entity of single.entities.values()) {
      const saved = entity.definition.model.ttl?.savedAs;
      if (saved !== undefined) ttls.set(saved, entity.name);
    }
    if (ttls.size > 1) {
      invalid(
        `single table ${single.name}: its entities keep their TTL in different attributes (${[...ttls].map(([a, e]) => `${e}: ${a}`).join(', ')}); DynamoDB has one TTL attribute per table, so save every entity's ttl field under one name`,
      );
    }
    out.set(physical, { table: physical, ttl: [...ttls.keys()][0] });
  }
  return [...out.values()];
}

function tableBlock(
  { table, ttl }: Physical,
  resource: string,
  options: TerraformOptions,
): HclBlock {
  const model = table.model;
  const physical = options.tableName ? options.tableName(table) : table.name;
  if (typeof physical !== 'string' || physical === '') {
    invalid(`tableName returned ${describeValue(physical)} for table ${table.name}`);
  }
  const keyFields = new Map<string, FieldCodec>();
  const use = (field: FieldCodec | undefined) => {
    if (field) keyFields.set(field.savedAs, field);
  };
  use(model.partitionKey);
  use(model.sortKey);
  const indexes = [...model.indexes.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const index of indexes) {
    use(index.partitionKey);
    use(index.sortKey);
  }
  const savedOf = (name: string) => model.codec.byName[name]?.savedAs ?? name;
  const provisioned = model.billing.mode === 'provisioned' ? model.billing : undefined;
  const body: HclEntry[] = [
    attr('name', physical),
    attr('billing_mode', provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST'),
    ...(provisioned
      ? [attr('read_capacity', provisioned.read), attr('write_capacity', provisioned.write)]
      : []),
    attr('hash_key', model.partitionKey.savedAs),
    ...(model.sortKey ? [attr('range_key', model.sortKey.savedAs)] : []),
    ...(model.stream ? [attr('stream_enabled', true), attr('stream_view_type', model.stream)] : []),
    ...(options.deletionProtection !== undefined
      ? [attr('deletion_protection_enabled', options.deletionProtection)]
      : []),
  ];
  for (const name of [...keyFields.keys()].sort()) {
    body.push({
      block: {
        type: 'attribute',
        labels: [],
        body: [attr('name', name), attr('type', keyFields.get(name)!.attribute.dynamoType)],
      },
    });
  }
  for (const index of indexes) {
    const keyNames = new Set([
      model.partitionKey.savedAs,
      ...(model.sortKey ? [model.sortKey.savedAs] : []),
      index.partitionKey.savedAs,
      ...(index.sortKey ? [index.sortKey.savedAs] : []),
    ]);
    if (index.type === 'local') {
      body.push({
        block: {
          type: 'local_secondary_index',
          labels: [],
          body: [
            attr('name', index.name),
            attr('range_key', index.sortKey!.savedAs),
            ...projection(index, keyNames, savedOf),
          ],
        },
      });
      continue;
    }
    const throughput = index.throughput ?? provisioned;
    body.push({
      block: {
        type: 'global_secondary_index',
        labels: [],
        body: [
          attr('name', index.name),
          attr('hash_key', index.partitionKey.savedAs),
          ...(index.sortKey ? [attr('range_key', index.sortKey.savedAs)] : []),
          ...projection(index, keyNames, savedOf),
          ...(provisioned && throughput
            ? [attr('read_capacity', throughput.read), attr('write_capacity', throughput.write)]
            : []),
        ],
      },
    });
  }
  if (ttl !== undefined) {
    body.push({
      block: {
        type: 'ttl',
        labels: [],
        body: [attr('attribute_name', ttl), attr('enabled', true)],
      },
    });
  }
  body.push({
    block: {
      type: 'point_in_time_recovery',
      labels: [],
      body: [attr('enabled', options.pointInTimeRecovery ?? true)],
    },
  });
  if (options.tags && Object.keys(options.tags).length > 0) {
    body.push(attr('tags', { object: options.tags }));
  }
  return { type: 'resource', labels: ['aws_dynamodb_table', resource], body };
}

function checkOptions(options: TerraformOptions) {
  if (typeof options !== 'object' || options === null)
    invalid(`options must be an object, got ${describeValue(options)}`);
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key))
      invalid(`unknown option ${JSON.stringify(key)}; valid: ${OPTION_KEYS.join(', ')}`);
  }
  for (const [key, value] of Object.entries(options.tags ?? {})) {
    if (typeof value !== 'string')
      invalid(`tag ${JSON.stringify(key)} must be a string, got ${describeValue(value)}`);
  }
}

/**
 * Terraform (HCL) for an `aws_dynamodb_table` resource per table: name, billing mode and
 * capacity, keys, attribute blocks for every key attribute, global and local secondary indexes
 * with their projection, stream, TTL, point-in-time recovery, deletion protection and tags.
 * A single table (given as itself, its `physical` table, its entities or their erasure
 * declarations) is one resource, its keys and indexes once. Tables come out sorted by name, so
 * the same tables give the same text.
 *
 * @example
 * await writeFile('dynamodb.tf', toTerraform([users, rooms], { tags: { team: 'social' } }));
 */
export function toTerraform(
  tables: readonly ErasureInput[],
  options: TerraformOptions = {},
): string {
  checkOptions(options);
  if (!Array.isArray(tables)) invalid(`tables must be an array, got ${describeValue(tables)}`);
  const sorted = physicalTables(tables).sort((a, b) =>
    a.table.name < b.table.name ? -1 : a.table.name > b.table.name ? 1 : 0,
  );
  const used = new Set<string>();
  const out = [
    comment(
      'Generated by @symval/dynamite-orm from table definitions; edit the definitions, not this file.',
    ),
  ];
  for (const physical of sorted) {
    const { table } = physical;
    let resource: string;
    if (options.resourceName) {
      resource = options.resourceName(table);
      if (typeof resource !== 'string' || !isIdentifier(resource) || used.has(resource)) {
        invalid(
          `resourceName returned ${describeValue(resource)} for table ${table.name}: it must be a unique identifier`,
        );
      }
      used.add(resource);
    } else {
      resource = identifierFor(table.name, used);
    }
    out.push('');
    if (table.description) out.push(comment(`${table.name}: ${table.description}`));
    out.push(...block(tableBlock(physical, resource, options)));
  }
  return `${out.join('\n')}\n`;
}
