import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { AnyAttribute, Fields } from '../schema/attribute.js';
import {
  compileAttribute,
  type Encoder,
  type FieldCodec,
  type ObjectCodec,
} from '../schema/codec.js';
import { atSegment, SchemaIssue, toDynamiteError } from '../schema/issue.js';
import type { Billing, StreamViewType, Throughput } from './table-shape.js';

/** An attribute path resolved against the schema. */
export interface ResolvedPath {
  /** Dotted field path as written by the caller. */
  readonly path: string;
  /** Saved attribute names, one per segment. */
  readonly saved: readonly string[];
  readonly attribute: AnyAttribute;
  /** Encoder of the attribute at this path (validates). */
  readonly encode: Encoder;
  /**
   * Encoder of a value compared with the stored one (a condition operand): the type's checks
   * without `.validate()`, so `lt('price', 0)` is a fine question about a price kept >= 0.
   */
  readonly encodeOperand: Encoder;
  /** Encoder of one element, for lists (what `contains` and `append` take). */
  readonly encodeElement: Encoder | undefined;
}

/** A secondary index, resolved. */
export interface IndexModel {
  readonly name: string;
  readonly type: 'global' | 'local';
  readonly partitionKey: FieldCodec;
  readonly sortKey: FieldCodec | undefined;
  readonly projection: 'all' | 'keys' | readonly string[];
  readonly throughput: Throughput | undefined;
}

/**
 * The compiled, immutable run-time form of a table definition that request builders use.
 * Shared by every call; nothing in it changes after definition.
 */
export interface TableModel {
  readonly name: string;
  readonly codec: ObjectCodec;
  readonly partitionKey: FieldCodec;
  readonly sortKey: FieldCodec | undefined;
  readonly version: FieldCodec | undefined;
  /**
   * The table adopts items written before it had a version attribute (`allowMissingVersion`):
   * such items read with version 0, and conditions on the version count an absent one as 0.
   */
  readonly versionMayBeMissing: boolean;
  readonly ttl: FieldCodec | undefined;
  readonly stream: StreamViewType | undefined;
  readonly billing: Billing;
  readonly indexes: ReadonlyMap<string, IndexModel>;
  readonly paths: ReadonlyMap<string, ResolvedPath>;
  /** Field names that may not be changed by updates (keys and the version). */
  readonly locked: ReadonlySet<string>;
}

/** A model bound to the physical table name requests go to. */
export interface Target {
  readonly model: TableModel;
  readonly tableName: string;
}

function collectPaths(
  fields: Fields,
  prefix: string,
  savedPrefix: readonly string[],
  out: Map<string, ResolvedPath>,
) {
  for (const name of Object.keys(fields)) {
    const attribute = fields[name]!;
    const path = prefix ? `${prefix}.${name}` : name;
    const saved = [...savedPrefix, attribute.savedName ?? name];
    out.set(
      path,
      Object.freeze({
        path,
        saved,
        attribute,
        encode: compileAttribute(attribute)[0],
        encodeOperand: compileAttribute(attribute, { checks: false })[0],
        encodeElement: attribute.element
          ? compileAttribute(attribute.element, { checks: false })[0]
          : undefined,
      }),
    );
    if (attribute.kind === 'map') collectPaths(attribute.fields as Fields, path, saved, out);
  }
}

/** Resolves every path of a schema once, at definition time. */
export function buildPathIndex(fields: Fields): ReadonlyMap<string, ResolvedPath> {
  const out = new Map<string, ResolvedPath>();
  collectPaths(fields, '', [], out);
  return out;
}

/** Looks a path up, or throws `request.invalid` naming the valid top-level fields. */
export function resolvePath(model: TableModel, path: string): ResolvedPath {
  const resolved = model.paths.get(path);
  if (resolved) return resolved;
  throw new DynamiteError(
    'request.invalid',
    `${JSON.stringify(path)} is not an attribute path of table ${model.name}; fields are ${model.codec.fields.map((f) => f.name).join(', ')}`,
  );
}

function encodeKeyPart(field: FieldCodec, value: unknown): AttributeValue {
  if (value === undefined) {
    throw atSegment(
      new SchemaIssue('a value (key attributes are required)', undefined),
      field.name,
    );
  }
  let av: AttributeValue | undefined;
  try {
    av = field.encode(value);
  } catch (error) {
    throw atSegment(error, field.name);
  }
  checkKeyValue(field, av);
  return av!;
}

/** DynamoDB refuses empty strings and empty binaries as key values. */
export function checkKeyValue(field: FieldCodec, av: AttributeValue | undefined): void {
  if (av === undefined || av.NULL !== undefined) {
    throw atSegment(new SchemaIssue('a key value (not null)', null), field.name);
  }
  if ((av.S !== undefined && av.S.length === 0) || (av.B !== undefined && av.B.length === 0)) {
    throw atSegment(new SchemaIssue('a non-empty key value', av.S ?? av.B), field.name);
  }
}

/**
 * Encodes a primary key given by field names. Extra fields are refused so a whole item is
 * never mistaken for a key.
 */
export function encodeKey(model: TableModel, key: unknown): Record<string, AttributeValue> {
  try {
    if (typeof key !== 'object' || key === null) throw new SchemaIssue('a key object', key);
    const record = key as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      if (name !== model.partitionKey.name && name !== model.sortKey?.name) {
        throw atSegment(
          new SchemaIssue(
            `only the key fields ${[model.partitionKey.name, model.sortKey?.name].filter(Boolean).join(', ')}`,
            record[name],
          ),
          name,
        );
      }
    }
    const out: Record<string, AttributeValue> = {
      [model.partitionKey.savedAs]: encodeKeyPart(
        model.partitionKey,
        record[model.partitionKey.name],
      ),
    };
    if (model.sortKey) {
      out[model.sortKey.savedAs] = encodeKeyPart(model.sortKey, record[model.sortKey.name]);
    }
    return out;
  } catch (error) {
    return toDynamiteError(error, `invalid key for table ${model.name}`);
  }
}

/** Picks the primary key out of a stored (encoded) item. */
export function keyOfStored(
  model: TableModel,
  item: Record<string, AttributeValue>,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  const pk = item[model.partitionKey.savedAs];
  if (pk) out[model.partitionKey.savedAs] = pk;
  if (model.sortKey) {
    const sk = item[model.sortKey.savedAs];
    if (sk) out[model.sortKey.savedAs] = sk;
  }
  return out;
}

/** Decodes a stored primary key into field names (validated strictly). */
export function decodeKey(
  model: TableModel,
  raw: Record<string, AttributeValue>,
): Record<string, unknown> {
  try {
    const out: Record<string, unknown> = {};
    for (const field of model.sortKey
      ? [model.partitionKey, model.sortKey]
      : [model.partitionKey]) {
      const av = raw[field.savedAs];
      if (av === undefined)
        throw atSegment(new SchemaIssue('the key attribute to be present', undefined), field.name);
      try {
        out[field.name] = field.decode(av, false);
      } catch (error) {
        throw atSegment(error, field.name);
      }
    }
    return out;
  } catch (error) {
    return toDynamiteError(error, `stored key of table ${model.name} does not match the schema`);
  }
}

function avText(av: AttributeValue): string {
  if (av.S !== undefined) return `S${av.S}`;
  if (av.N !== undefined) return `N${av.N}`;
  if (av.B !== undefined) return `B${Buffer.from(av.B).toString('base64')}`;
  return JSON.stringify(av);
}

/** A string that is equal for equal keys: used to find duplicates and match batch results. */
export function keyFingerprint(model: TableModel, key: Record<string, AttributeValue>): string {
  const pk = key[model.partitionKey.savedAs];
  const sk = model.sortKey ? key[model.sortKey.savedAs] : undefined;
  return sk ? `${avText(pk!)}\u0000${avText(sk)}` : avText(pk!);
}
