import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AnyErasureDecision } from '../erasure-policy/decision.js';
import { decodeLenient, type LenientItem } from '../model/lenient.js';
import { decodeKey, encodeKey, type IndexModel, type TableModel } from '../model/table-model.js';
import type {
  Billing,
  StreamViewType,
  TableInput,
  TableItem,
  TableKey,
  TableShape,
} from '../model/table-shape.js';
import { toDynamiteError } from '../schema/issue.js';
import type {
  AttributeInfo,
  ItemSchema,
  ReadOptions,
  ReadValidation,
} from '../schema/item-schema.js';
import {
  decodeStreamRecord,
  type StreamChange,
  type StreamRecordLike,
} from '../streams/decode-record.js';
import { checkTableConfig } from './check-config.js';
import type { TableConfig } from './config.js';

/** The configuration a table of shape `S` was defined with. */
export type ConfigOf<S extends TableShape> = TableConfig<
  S['fields'],
  string,
  string | undefined,
  unknown,
  string | undefined,
  S['viewer']
>;

/**
 * A table's schema: its configuration, checked, and the codecs compiled from it. Pure data and
 * codecs; it knows no client. `defineTable` returns a `TableDefinition`, which is this plus
 * `connect`.
 */
export class TableSchema<S extends TableShape> {
  /** Type-level only: the shape the helper types (`ItemOf`, `KeyOf`, ...) read. */
  declare readonly '~shape': S;
  /** The logical table name. */
  readonly name: string;
  readonly item: ItemSchema<S['fields']>;
  readonly partitionKey: S['partitionKey'];
  readonly sortKey: S['sortKey'];
  readonly version: S['version'];
  /** Items without the version attribute are kept and read with version 0 (`allowMissingVersion`). */
  readonly allowMissingVersion: boolean;
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
  readonly config: ConfigOf<S>;
  /** @internal compiled model used by request builders. */
  readonly model: TableModel;

  constructor(config: ConfigOf<S>) {
    const { model, erasure } = checkTableConfig(config);
    this.name = model.name;
    this.item = config.item;
    this.partitionKey = model.partitionKey.name as S['partitionKey'];
    this.sortKey = model.sortKey?.name as S['sortKey'];
    this.version = model.version?.name as S['version'];
    this.allowMissingVersion = model.versionMayBeMissing;
    this.ttl = model.ttl?.name;
    this.stream = model.stream;
    this.billing = model.billing;
    this.description = config.description;
    this.indexes = Object.freeze([...model.indexes.values()]);
    this.config = config;
    this.model = model;
    this.erasure = erasure;
    Object.freeze(this);
  }

  /** Every attribute with its DynamoDB type, saved name and metadata (nested ones included). */
  get attributes(): readonly AttributeInfo[] {
    return this.item.attributes;
  }

  /** Validates an item (defaults applied) and encodes it. Pure: no version handling. */
  marshal(item: TableInput<S>): Record<string, AttributeValue> {
    try {
      return this.model.codec.encode(item);
    } catch (error) {
      return toDynamiteError(error, `invalid item for table ${this.name}`);
    }
  }

  /**
   * Decodes a stored item, strictly unless `{ validation: 'lenient' }`, which gives an
   * unchecked item (see `LenientItem`) where the stored values do not match the schema.
   */
  unmarshal(
    raw: Record<string, AttributeValue>,
    options: { validation: 'lenient' },
  ): LenientItem<TableItem<S>>;
  unmarshal(
    raw: Record<string, AttributeValue>,
    options: { validation: ReadValidation },
  ): LenientItem<TableItem<S>>;
  // Last, so that `ReturnType<typeof table.unmarshal>` is the item type.
  unmarshal(raw: Record<string, AttributeValue>, options?: ReadOptions): TableItem<S>;
  unmarshal(raw: Record<string, AttributeValue>, options?: ReadOptions): LenientItem<TableItem<S>> {
    const { codec } = this.model;
    try {
      return (
        options?.validation === 'lenient' ? decodeLenient(codec, raw) : codec.decode(raw, false)
      ) as TableItem<S>;
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
  decodeStreamRecord(
    record: StreamRecordLike,
    options: { validation: 'lenient' },
  ): StreamChange<S, 'lenient'>;
  decodeStreamRecord(
    record: StreamRecordLike,
    options: { validation: ReadValidation },
  ): StreamChange<S, ReadValidation>;
  // Last, so that `ReturnType<typeof table.decodeStreamRecord>` is the strict change.
  decodeStreamRecord(record: StreamRecordLike, options?: ReadOptions): StreamChange<S>;
  decodeStreamRecord(
    record: StreamRecordLike,
    options?: ReadOptions,
  ): StreamChange<S, ReadValidation> {
    return decodeStreamRecord(this, record, options);
  }
}
