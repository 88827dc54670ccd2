import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ConnectOptions, TableClient } from '../client/table-client.js';
import { checkErasureDecision } from '../erasure/check-decision.js';
import type { AnyErasureDecision, TableErasure } from '../erasure/decision.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { checkPolicies } from '../policy/check.js';
import type { TableConfigPolicies } from '../policy/types.js';
import type { Fields } from '../schema/attribute.js';
import type { FieldCodec } from '../schema/codec.js';
import { toDynamiteError } from '../schema/issue.js';
import type { AttributeInfo, ItemSchema, ReadOptions } from '../schema/item-schema.js';
import {
  decodeStreamRecord,
  type StreamChange,
  type StreamRecordLike,
} from '../streams/decode-record.js';
import { buildPathIndex, decodeKey, encodeKey, type IndexModel, type TableModel } from './model.js';
import type {
  Billing,
  IndexConfig,
  KeyField,
  StreamViewType,
  TableInput,
  TableItem,
  TableKey,
  TableShape,
  TtlField,
  VersionField,
  ViewerType,
} from './types.js';

/** The configuration of {@link defineTable}. */
export interface TableConfig<
  F extends Fields,
  PK extends string,
  SK extends string | undefined,
  Ix,
  Ver extends string | undefined,
  V,
> {
  /** The logical table name (the physical name can be overridden in `connect`). */
  readonly name: string;
  /** The item schema, from {@link defineItem}. */
  readonly item: ItemSchema<F>;
  readonly partitionKey: PK;
  readonly sortKey?: SK;
  /** Secondary indexes by name. */
  readonly indexes?: Ix;
  /** A required number field that optimistic locking increments on every write. */
  readonly version?: Ver;
  /** A date (stored as epoch seconds) or number field DynamoDB expires items by. */
  readonly ttl?: TtlField<F>;
  /** Stream view type when the table has a stream. */
  readonly stream?: StreamViewType;
  /** Capacity mode; on-demand by default. */
  readonly billing?: Billing;
  /** The viewer type operations are made for; see {@link viewerType}. */
  readonly viewer?: ViewerType<V>;
  /** What the table holds, for people and exported documents. */
  readonly description?: string;
  /**
   * Who may read and write which items: ordered rules, the first `allow` or `deny` decides,
   * all `skip` denies. Without policies only system jobs (`asSystem`) may use the table and
   * every viewer operation is refused; `allowAll()` opens it to everyone explicitly.
   */
  readonly policies?: TableConfigPolicies<F, PK, SK, Ver, V>;
  /**
   * What happens to the table's rows when a data subject is erased: `none` (with a written
   * justification), `subject`, or `cascade` edges from parent tables. See `deep` and `shallow`.
   */
  readonly erasure?: NoInfer<TableErasure<F, PK, SK, Ix, Ver, V>>;
}

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

function invalid(table: string, message: string): never {
  throw new DynamiteError('definition.invalid', `table ${table}: ${message}`);
}

function keyCodec(
  table: string,
  item: ItemSchema<Fields>,
  name: unknown,
  role: string,
  sparse: boolean,
) {
  if (typeof name !== 'string') invalid(table, `${role} must be a field name, got ${String(name)}`);
  const field = item.codec.byName[name];
  if (!field) {
    invalid(
      table,
      `${role} ${JSON.stringify(name)} is not a field; fields are ${Object.keys(item.fields).join(', ')}`,
    );
  }
  const { attribute } = field;
  if (!['S', 'N', 'B'].includes(attribute.dynamoType)) {
    invalid(table, `${role} ${name} is stored as ${attribute.dynamoType}; keys must be S, N or B`);
  }
  if (attribute.isNullable) invalid(table, `${role} ${name} cannot be nullable`);
  if (!sparse && attribute.isOptional) invalid(table, `${role} ${name} cannot be optional`);
  return field;
}

function buildIndexes(
  table: string,
  item: ItemSchema<Fields>,
  pk: FieldCodec,
  configs: Record<string, IndexConfig<Fields>>,
): Map<string, IndexModel> {
  const out = new Map<string, IndexModel>();
  for (const name of Object.keys(configs)) {
    const config = configs[name]!;
    if (!TABLE_NAME.test(name)) invalid(table, `index name ${JSON.stringify(name)} is not valid`);
    const type = config.type ?? 'global';
    const partitionKey = keyCodec(
      table,
      item,
      config.partitionKey,
      `index ${name} partitionKey`,
      true,
    );
    const sortKey =
      config.sortKey === undefined
        ? undefined
        : keyCodec(table, item, config.sortKey, `index ${name} sortKey`, true);
    if (type === 'local') {
      if (partitionKey.name !== pk.name) {
        invalid(table, `local index ${name} must use the table's partition key ${pk.name}`);
      }
      if (!sortKey) invalid(table, `local index ${name} needs a sort key`);
    }
    const projection = config.projection ?? 'all';
    if (Array.isArray(projection)) {
      for (const field of projection) {
        if (!item.codec.byName[field])
          invalid(table, `index ${name} projects unknown field ${field}`);
      }
    }
    out.set(
      name,
      Object.freeze({
        name,
        type,
        partitionKey,
        sortKey,
        projection: Array.isArray(projection) ? Object.freeze([...projection]) : projection,
        throughput: config.throughput,
      }),
    );
  }
  return out;
}

/**
 * A table definition: pure data and codecs, no client. Connect it to a `DynamoDBClient` to run
 * operations, or read it to export infrastructure and data maps.
 */
export class TableDefinition<S extends TableShape> {
  /** Type-level only: the shape the helper types (`ItemOf`, `KeyOf`, ...) read. */
  declare readonly '~shape': S;
  /** The logical table name. */
  readonly name: string;
  readonly item: ItemSchema<S['fields']>;
  readonly partitionKey: S['partitionKey'];
  readonly sortKey: S['sortKey'];
  readonly version: S['version'];
  /** The TTL field name, if any. */
  readonly ttl: string | undefined;
  readonly stream: StreamViewType | undefined;
  readonly billing: Billing;
  readonly description: string | undefined;
  /** The erasure decision, checked; `undefined` when the table declares none. */
  readonly erasure: AnyErasureDecision | undefined;
  /** Secondary indexes, resolved. */
  readonly indexes: readonly IndexModel[];
  /** The configuration as given, for tools that read more than this package does. */
  readonly config: TableConfig<
    S['fields'],
    string,
    string | undefined,
    unknown,
    string | undefined,
    S['viewer']
  >;
  /** @internal compiled model used by request builders. */
  readonly model: TableModel;

  constructor(
    config: TableConfig<
      S['fields'],
      string,
      string | undefined,
      unknown,
      string | undefined,
      S['viewer']
    >,
  ) {
    const { name, item } = config;
    if (typeof name !== 'string' || !TABLE_NAME.test(name)) {
      throw new DynamiteError(
        'definition.invalid',
        `table name ${JSON.stringify(name)} is not valid: 3 to 255 characters of A-Z a-z 0-9 _ . -`,
      );
    }
    const pk = keyCodec(name, item, config.partitionKey, 'partitionKey', false);
    const sk =
      config.sortKey === undefined
        ? undefined
        : keyCodec(name, item, config.sortKey, 'sortKey', false);
    if (sk && sk.name === pk.name) invalid(name, 'sortKey must differ from partitionKey');
    let version: FieldCodec | undefined;
    if (config.version !== undefined) {
      version = item.codec.byName[config.version];
      if (!version) invalid(name, `version ${config.version} is not a field`);
      if (version.attribute.kind !== 'number' || version.optional || version.attribute.isNullable) {
        invalid(name, `version ${config.version} must be a required attr.number()`);
      }
      if (version === pk || version === sk) invalid(name, 'the version cannot be a key');
    }
    let ttl: FieldCodec | undefined;
    if (config.ttl !== undefined) {
      ttl = item.codec.byName[config.ttl];
      if (!ttl) invalid(name, `ttl ${config.ttl} is not a field`);
      const ok =
        (ttl.attribute.kind === 'date' && ttl.attribute.dateStorage === 'epochSeconds') ||
        ttl.attribute.kind === 'number';
      if (!ok)
        invalid(
          name,
          `ttl ${config.ttl} must be attr.date({ storage: 'epochSeconds' }) or attr.number()`,
        );
      if (ttl === pk || ttl === sk) invalid(name, 'the TTL attribute cannot be a key');
    }
    checkPolicies(name, config.policies);
    const billing = config.billing ?? { mode: 'onDemand' };
    const indexes = buildIndexes(
      name,
      item,
      pk,
      (config.indexes ?? {}) as Record<string, IndexConfig<Fields>>,
    );
    const locked = new Set([pk.name, ...(sk ? [sk.name] : []), ...(version ? [version.name] : [])]);

    this.name = name;
    this.item = item;
    this.partitionKey = pk.name as S['partitionKey'];
    this.sortKey = sk?.name as S['sortKey'];
    this.version = version?.name as S['version'];
    this.ttl = ttl?.name;
    this.stream = config.stream;
    this.billing = billing;
    this.description = config.description;
    this.indexes = Object.freeze([...indexes.values()]);
    this.config = config;
    this.model = Object.freeze({
      name,
      codec: item.codec,
      partitionKey: pk,
      sortKey: sk,
      version,
      ttl,
      stream: config.stream,
      billing,
      indexes,
      paths: buildPathIndex(item.fields),
      locked,
    });
    this.erasure = checkErasureDecision(this.model, config.erasure);
    Object.freeze(this);
  }

  /** Every attribute with its DynamoDB type, saved name and metadata (nested ones included). */
  get attributes(): readonly AttributeInfo[] {
    return this.item.attributes;
  }

  /**
   * Binds the definition to a client. The result gives operations through a viewer:
   * `db.as(viewer).get(key)`, or `db.asSystem('job-name')` for trusted jobs.
   */
  connect(client: DynamoDBClient, options: ConnectOptions = {}): TableClient<S> {
    return new TableClient(this, client, options);
  }

  /** Validates an item (defaults applied) and encodes it. Pure: no version handling. */
  marshal(item: TableInput<S>): Record<string, AttributeValue> {
    try {
      return this.model.codec.encode(item);
    } catch (error) {
      return toDynamiteError(error, `invalid item for table ${this.name}`);
    }
  }

  /** Decodes a stored item, strictly unless `{ validation: 'lenient' }`. */
  unmarshal(raw: Record<string, AttributeValue>, options?: ReadOptions): TableItem<S> {
    try {
      return this.model.codec.decode(raw, options?.validation === 'lenient') as TableItem<S>;
    } catch (error) {
      return toDynamiteError(error, `stored item of table ${this.name} does not match the schema`);
    }
  }

  /** Encodes a primary key given by field names. */
  marshalKey(key: TableKey<S>): Record<string, AttributeValue> {
    return encodeKey(this.model, key);
  }

  /** Decodes a stored primary key into field names. */
  unmarshalKey(raw: Record<string, AttributeValue>): TableKey<S> {
    return decodeKey(this.model, raw) as TableKey<S>;
  }

  /**
   * Decodes a stream record (the Lambda event shape or the DynamoDB Streams API shape) into
   * the event name, the typed key and the typed, validated old and new items.
   */
  decodeStreamRecord(record: StreamRecordLike, options?: ReadOptions): StreamChange<S> {
    return decodeStreamRecord(this, record, options);
  }
}

/**
 * Defines a table: name, item schema, keys, indexes, version attribute, TTL, stream and
 * viewer type. Pure: no client, no I/O. Checks the configuration and throws
 * `definition.invalid` when it cannot work in DynamoDB.
 *
 * @example
 * const Note = defineItem({
 *   ownerId: attr.string().savedAs('pk'),
 *   noteId: attr.string().savedAs('sk'),
 *   text: attr.string(),
 *   version: attr.number(),
 * });
 * const notes = defineTable({
 *   name: 'notes',
 *   item: Note,
 *   partitionKey: 'ownerId',
 *   sortKey: 'noteId',
 *   version: 'version',
 *   viewer: viewerType<{ userId: string }>(),
 * });
 * const db = notes.connect(new DynamoDBClient({}));
 * await db.as({ userId: 'u1' }).get({ ownerId: 'u1', noteId: 'n1' });
 */
export function defineTable<
  const F extends Fields,
  const PK extends KeyField<F>,
  const SK extends KeyField<F> | undefined = undefined,
  const Ix extends { readonly [name: string]: IndexConfig<F> } = Record<never, never>,
  const Ver extends VersionField<F> | undefined = undefined,
  V = unknown,
>(
  config: TableConfig<F, PK, SK, Ix, Ver, V>,
): TableDefinition<{
  fields: F;
  partitionKey: PK;
  sortKey: SK;
  indexes: Ix;
  version: Ver;
  viewer: V;
}> {
  return new TableDefinition(config as never);
}
