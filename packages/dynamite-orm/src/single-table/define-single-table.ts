// A table shared by several entities. The table declares its physical keys and indexes once;
// each entity becomes a table definition of its own over the same physical table, whose
// schema is the entity's fields plus hidden fields for the key attributes and the entity type.
import { type AnyTableDefinition, defineTable } from '../define-table.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { compileKeyTemplate } from '../model/key-template.js';
import type { AnyAttribute, Fields } from '../schema/attribute.js';
import { attr } from '../schema/builders.js';
import { defineItem } from '../schema/item-schema.js';
import { Collection } from './collection.js';
import { type AnyEntity, EntityDefinition } from './entity.js';
import type { DerivedIndex, DerivedKey, EntityKeys } from './entity-keys.js';
import type {
  CheckedEntityConfig,
  EntityConfig,
  EntityShape,
  EntityTypes,
  KeyTemplates,
  PhysicalIndexConfig,
  SingleTableConfig,
  SingleTableLike,
} from './types.js';

const TYPE_FIELD = '$entity';

function definitionError(message: string): never {
  throw new DynamiteError('definition.invalid', message);
}

interface PhysicalKeys {
  readonly partitionKey: string;
  readonly sortKey: string | undefined;
  readonly indexes: ReadonlyMap<
    string,
    Required<Pick<PhysicalIndexConfig, 'type' | 'projection'>> & PhysicalIndexConfig
  >;
  /** Stored attribute name -> hidden field name. */
  readonly fieldOf: ReadonlyMap<string, string>;
}

/** A table shared by several entities; see {@link defineSingleTable}. */
export class SingleTable implements SingleTableLike {
  readonly name: string;
  readonly config: SingleTableConfig<{ readonly [name: string]: PhysicalIndexConfig }>;
  /** The stored attribute naming each item's entity. */
  readonly entityAttribute: string;
  /**
   * The physical table alone (key attributes and the entity type, no entity's fields): give it
   * to `createTableInput` and `toTerraform`.
   */
  readonly physical: AnyTableDefinition;
  readonly #keys: PhysicalKeys;
  readonly #entities = new Map<string, EntityDefinition<EntityShape>>();

  constructor(config: SingleTableConfig<{ readonly [name: string]: PhysicalIndexConfig }>) {
    if (typeof config?.name !== 'string' || !config.name)
      definitionError('defineSingleTable needs a name');
    if (typeof config.partitionKey !== 'string' || !config.partitionKey) {
      definitionError(
        `single table ${config.name}: partitionKey is the stored attribute name, e.g. 'pk'`,
      );
    }
    this.name = config.name;
    this.config = config;
    this.entityAttribute = config.entityAttribute ?? '_type';
    const names = [config.partitionKey, ...(config.sortKey ? [config.sortKey] : [])];
    const indexes = new Map<
      string,
      PhysicalIndexConfig & { type: 'global' | 'local'; projection: 'all' }
    >();
    for (const [name, index] of Object.entries(config.indexes ?? {})) {
      // The types look the table's own query key up under 'undefined' (no index).
      if (name === 'undefined')
        definitionError(`single table ${config.name}: an index cannot be named 'undefined'`);
      const type = index.type ?? 'global';
      if (
        type === 'local' &&
        index.partitionKey !== undefined &&
        index.partitionKey !== config.partitionKey
      ) {
        definitionError(
          `single table ${config.name}: local index ${name} shares the table's partition key; leave its partitionKey out`,
        );
      }
      if (type === 'global' && !index.partitionKey)
        definitionError(
          `single table ${config.name}: index ${name} needs a partitionKey attribute`,
        );
      if (type === 'local' && !index.sortKey)
        definitionError(
          `single table ${config.name}: local index ${name} needs a sortKey attribute`,
        );
      const projection = index.projection ?? 'all';
      if (projection !== 'all') {
        // Typed projections of entity reads come with projections on get/query/scan.
        definitionError(
          `single table ${config.name}: index ${name}: entity indexes project 'all' for now`,
        );
      }
      indexes.set(name, { ...index, type, projection });
      if (type === 'global') names.push(index.partitionKey!);
      if (index.sortKey) names.push(index.sortKey);
    }
    const fieldOf = new Map<string, string>();
    for (const name of names) if (!fieldOf.has(name)) fieldOf.set(name, `$k${fieldOf.size}`);
    if (fieldOf.has(this.entityAttribute)) {
      definitionError(
        `single table ${config.name}: the entity attribute ${this.entityAttribute} is also a key attribute`,
      );
    }
    this.#keys = { partitionKey: config.partitionKey, sortKey: config.sortKey, indexes, fieldOf };
    const physicalFields: Record<string, AnyAttribute> = {
      [TYPE_FIELD]: attr.string().savedAs(this.entityAttribute),
    };
    for (const [attribute, field] of fieldOf) {
      const primary = attribute === config.partitionKey || attribute === config.sortKey;
      physicalFields[field] = primary
        ? attr.string().savedAs(attribute)
        : attr.string().optional().savedAs(attribute);
    }
    this.physical = defineTable({
      name: config.name,
      item: defineItem(physicalFields as Fields),
      partitionKey: fieldOf.get(config.partitionKey)!,
      ...(config.sortKey ? { sortKey: fieldOf.get(config.sortKey)! } : {}),
      indexes: Object.fromEntries(
        [...indexes].map(([name, index]) => [name, this.#indexConfig(index)]),
      ),
      ...(config.stream ? { stream: config.stream } : {}),
      ...(config.billing ? { billing: config.billing } : {}),
      ...(config.description ? { description: config.description } : {}),
      erasure: {
        kind: 'none',
        justification: 'The physical single table; its entities declare their own erasure.',
      },
    } as never) as AnyTableDefinition;
    Object.freeze(this);
  }

  #indexConfig(index: PhysicalIndexConfig & { type: 'global' | 'local'; projection: 'all' }) {
    const { fieldOf } = this.#keys;
    return {
      partitionKey: fieldOf.get(
        index.type === 'local' ? this.config.partitionKey : index.partitionKey!,
      )!,
      ...(index.sortKey ? { sortKey: fieldOf.get(index.sortKey)! } : {}),
      type: index.type,
      projection: 'all',
      ...(index.throughput ? { throughput: index.throughput } : {}),
    };
  }

  /**
   * Entities queried together: they share the partition key template of the table (or of
   * `index`), so one query returns the items of all of them, each checked by its own policy.
   *
   * @example
   * const userWithOrders = app.collection([User, Order]);
   * const page = await userWithOrders.connect(client).as(viewer).query({ key: { userId: 'ada' } });
   */
  collection<const Ms extends readonly AnyEntity[], const I extends string | undefined = undefined>(
    entities: Ms,
    options: { index?: I } = {},
  ): Collection<Ms, I> {
    return new Collection(this, entities, options.index as I);
  }

  /** The entities defined so far, by name. */
  get entities(): ReadonlyMap<string, EntityDefinition<EntityShape>> {
    return this.#entities;
  }

  /**
   * Defines an entity of this table: its item schema, the templates its keys are built by
   * (`'USER#{userId}'`), the indexes it is in, and its viewer, policies and version. Throws
   * `definition.invalid` for a template that reads an unknown or unsuitable field, a key the
   * table does not have, or a name already taken.
   */
  entity<
    const N extends string,
    const F extends Fields,
    const K extends KeyTemplates,
    const EIx extends { readonly [name: string]: KeyTemplates } = Record<never, never>,
    const Ver extends string | undefined = undefined,
    V = unknown,
  >(
    config: CheckedEntityConfig<N, F, K, EIx, Ver, V>,
  ): EntityDefinition<{
    name: N;
    fields: F;
    key: K;
    indexes: EIx;
    version: Ver;
    viewer: V;
    item: EntityTypes<F, K, EIx, Ver>['item'];
    input: EntityTypes<F, K, EIx, Ver>['input'];
    primaryKey: EntityTypes<F, K, EIx, Ver>['primaryKey'];
    queryKeys: EntityTypes<F, K, EIx, Ver>['queryKeys'];
  }> {
    const entity = this.#entity(
      config as unknown as EntityConfig<
        string,
        Fields,
        KeyTemplates,
        Record<string, KeyTemplates>,
        string | undefined,
        unknown
      >,
    );
    return entity as never;
  }

  #entity(
    config: EntityConfig<
      string,
      Fields,
      KeyTemplates,
      Record<string, KeyTemplates>,
      string | undefined,
      unknown
    >,
  ): EntityDefinition<EntityShape> {
    const table = this.config.name;
    const name = config?.name;
    if (typeof name !== 'string' || !name) definitionError(`an entity of ${table} needs a name`);
    if (this.#entities.has(name)) definitionError(`${table} already has an entity named ${name}`);
    const fields = config.item?.fields;
    if (!fields) definitionError(`entity ${name}: item is a schema from defineItem`);
    const where = `entity ${name} of ${table}`;
    for (const field of Object.keys(fields)) {
      if (field.startsWith('$'))
        definitionError(
          `${where}: field ${field}: names starting with $ are kept for the key attributes`,
        );
      const saved = fields[field]!.savedName ?? field;
      if (this.#keys.fieldOf.has(saved) || saved === this.entityAttribute) {
        definitionError(
          `${where}: field ${field} is saved as ${saved}, a key or entity attribute of the table; the table fills it from the templates`,
        );
      }
    }
    const { fieldOf } = this.#keys;
    const derive = (attribute: string, template: string | undefined, what: string): DerivedKey => {
      if (template === undefined)
        definitionError(`${where}: ${what} needs a template such as 'USER#{userId}'`);
      const compiled = compileKeyTemplate(template, fields, `${where}, ${what}`);
      // An index key may be sparse; the table's key must be built on every write.
      const optional = what.startsWith('key.')
        ? compiled.fields.find((f) => fields[f]!.isOptional)
        : undefined;
      if (optional !== undefined) {
        definitionError(
          `${where}, ${what}: ${optional} is optional, so a write could leave it out; make it required (drop .optional()) or build the key from required fields`,
        );
      }
      return Object.freeze({ attribute, field: fieldOf.get(attribute)!, template: compiled });
    };
    const key = config.key ?? {};
    if (!this.config.sortKey && key.sortKey !== undefined)
      definitionError(`${where}: the table has no sort key; leave key.sortKey out`);
    const primary: DerivedIndex = Object.freeze({
      name: undefined,
      partitionKey: derive(this.config.partitionKey, key.partitionKey, 'key.partitionKey'),
      sortKey: this.config.sortKey
        ? derive(this.config.sortKey, key.sortKey, 'key.sortKey')
        : undefined,
      keysOnly: false,
    });
    const indexes = new Map<string, DerivedIndex>();
    const underlyingIndexes: Record<string, unknown> = {};
    for (const [indexName, templates] of Object.entries(config.indexes ?? {})) {
      const physical = this.#keys.indexes.get(indexName);
      if (!physical) {
        definitionError(
          `${where}: ${table} has no index ${indexName}; its indexes are ${[...this.#keys.indexes.keys()].join(', ') || 'none'}`,
        );
      }
      const local = physical.type === 'local';
      if (local && templates.partitionKey !== undefined) {
        definitionError(
          `${where}: local index ${indexName} uses the table's partition key; give only its sortKey template`,
        );
      }
      if (!physical.sortKey && templates.sortKey !== undefined)
        definitionError(`${where}: index ${indexName} has no sort key`);
      indexes.set(
        indexName,
        Object.freeze({
          name: indexName,
          partitionKey: local
            ? primary.partitionKey
            : derive(
                physical.partitionKey!,
                templates.partitionKey,
                `indexes.${indexName}.partitionKey`,
              ),
          sortKey: physical.sortKey
            ? derive(physical.sortKey, templates.sortKey, `indexes.${indexName}.sortKey`)
            : undefined,
          keysOnly: false,
        }),
      );
      underlyingIndexes[indexName] = this.#indexConfig(physical);
    }
    const hiddenFields: Record<string, AnyAttribute> = {
      [TYPE_FIELD]: attr.literal(name).savedAs(this.entityAttribute),
    };
    const derived = [primary, ...indexes.values()].flatMap((i) =>
      i.sortKey ? [i.partitionKey, i.sortKey] : [i.partitionKey],
    );
    for (const k of derived) {
      if (hiddenFields[k.field]) continue;
      const isPrimary = k === primary.partitionKey || k === primary.sortKey;
      hiddenFields[k.field] = isPrimary
        ? attr.string().savedAs(k.attribute)
        : attr.string().optional().savedAs(k.attribute);
    }
    const keys: EntityKeys = Object.freeze({
      entity: name,
      typeField: TYPE_FIELD,
      primary,
      indexes,
      hidden: Object.freeze(Object.keys(hiddenFields)),
    });
    const definition = defineTable({
      name: table,
      item: defineItem({ ...hiddenFields, ...fields }),
      partitionKey: primary.partitionKey.field,
      ...(primary.sortKey ? { sortKey: primary.sortKey.field } : {}),
      indexes: underlyingIndexes,
      ...(config.version !== undefined ? { version: config.version } : {}),
      ...(config.ttl !== undefined ? { ttl: config.ttl } : {}),
      ...(this.config.stream ? { stream: this.config.stream } : {}),
      ...(this.config.billing ? { billing: this.config.billing } : {}),
      ...(config.viewer ? { viewer: config.viewer } : {}),
      ...(config.policies ? { policies: config.policies } : {}),
      ...(config.concealDenied !== undefined ? { concealDenied: config.concealDenied } : {}),
      description: config.description ?? `entity ${name} of ${table}`,
    } as never) as AnyTableDefinition;
    const entity = new EntityDefinition<EntityShape>(this, definition, keys, fields);
    this.#entities.set(name, entity);
    return entity;
  }
}

/**
 * Defines a table shared by several entities (single-table design): the stored key
 * attributes and indexes, declared once, and the attribute that names each item's entity
 * (`_type` unless `entityAttribute` says otherwise). Entities are added with `table.entity`.
 * Pure: no client, no I/O.
 *
 * @example
 * const app = defineSingleTable({ name: 'app', partitionKey: 'pk', sortKey: 'sk',
 *   indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } } });
 * const User = app.entity({ name: 'user', item: defineItem({ userId: attr.string(), email: attr.string() }),
 *   key: { partitionKey: 'USER#{userId}', sortKey: 'PROFILE' },
 *   indexes: { gsi1: { partitionKey: 'EMAIL#{email}', sortKey: 'USER' } }, policies: allowAll() });
 */
export function defineSingleTable<
  const Ix extends { readonly [name: string]: PhysicalIndexConfig } = Record<never, never>,
>(config: SingleTableConfig<Ix>): SingleTable {
  return new SingleTable(config);
}
