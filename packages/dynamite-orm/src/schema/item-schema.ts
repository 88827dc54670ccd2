import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { AnyAttribute, AttributeMeta, DateStorage, DynamoType, Fields } from './attribute.js';
import { compileObject, type ObjectCodec } from './codec.js';
import { checkDerivations } from './derived.js';
import { FIELD_NAME } from './field-name.js';
import type { InferInput, InferItem } from './infer.js';
import { toDynamiteError } from './issue.js';

/** How strictly reads are checked: `strict` (default) throws on any mismatch. */
export type ReadValidation = 'strict' | 'lenient';

/** Options for decoding stored items. */
export interface ReadOptions {
  /**
   * `strict` (default): a stored value that does not match the schema, or a missing required
   * attribute, is a `schema.invalid` error. `lenient`: such values are returned as their plain
   * JavaScript value and missing attributes stay absent, so old or foreign data can be read.
   */
  validation?: ReadValidation;
}

/**
 * One attribute as tools see it: names, DynamoDB type, modifiers, metadata. Nested fields are
 * listed too: map fields at `a.b`, list elements' fields at `a[].b`, record values' fields at
 * `a.*.b`, and the fields of union members and variants at `a.b`.
 */
export interface AttributeInfo {
  /** Dotted field path, e.g. `profile.city`. */
  readonly path: string;
  /** The field name in TypeScript. */
  readonly name: string;
  /** The attribute name in DynamoDB. */
  readonly savedAs: string;
  readonly kind: AnyAttribute['kind'];
  readonly dynamoType: DynamoType;
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly hasDefault: boolean;
  /** `attr.int()`: the number must be a safe integer. */
  readonly integer?: boolean;
  readonly dateStorage?: DateStorage;
  readonly literals?: readonly (string | number)[];
  readonly meta: AttributeMeta;
  /** The attribute object itself. */
  readonly attribute: AnyAttribute;
}

/** A described item: its fields, a compiled codec and introspection. Immutable. */
export interface ItemSchema<F extends Fields> {
  readonly fields: F;
  /** Every attribute, nested map fields included, depth first in declaration order. */
  readonly attributes: readonly AttributeInfo[];
  /** Validates an item (defaults applied) and encodes it as DynamoDB attribute values. */
  marshal(item: InferInput<F>): Record<string, AttributeValue>;
  /** Decodes DynamoDB attribute values into a typed item, validated unless lenient. */
  unmarshal(raw: Record<string, AttributeValue>, options?: ReadOptions): InferItem<F>;
  /** @internal compiled codec shared by tables. */
  readonly codec: ObjectCodec;
}

function collectAttributes(fields: Fields, prefix: string, out: AttributeInfo[]) {
  const saved = new Map<string, string>();
  for (const name of Object.keys(fields)) {
    const attribute = fields[name]!;
    const path = prefix ? `${prefix}.${name}` : name;
    if (!FIELD_NAME.test(name)) {
      throw new DynamiteError(
        'definition.invalid',
        `field name ${JSON.stringify(path)} is not valid: use letters, digits, _, $ or - (no dots)`,
      );
    }
    const savedAs = attribute.savedName ?? name;
    if (savedAs.length === 0 || savedAs.length > 255) {
      throw new DynamiteError('definition.invalid', `${path}: savedAs must be 1 to 255 characters`);
    }
    const clash = saved.get(savedAs);
    if (clash !== undefined) {
      throw new DynamiteError(
        'definition.invalid',
        `${path} and ${prefix ? `${prefix}.` : ''}${clash} are both saved as ${JSON.stringify(savedAs)}`,
      );
    }
    saved.set(savedAs, name);
    out.push(
      Object.freeze({
        path,
        name,
        savedAs,
        kind: attribute.kind,
        dynamoType: attribute.dynamoType,
        optional: attribute.isOptional,
        nullable: attribute.isNullable,
        hasDefault: attribute.hasDefault,
        ...(attribute.isInteger ? { integer: true } : {}),
        ...(attribute.dateStorage ? { dateStorage: attribute.dateStorage } : {}),
        ...(attribute.literals ? { literals: attribute.literals } : {}),
        meta: attribute.metadata,
        attribute,
      }),
    );
    collectNested(attribute, path, out);
  }
  checkDerivations(fields, prefix);
}

/**
 * The attributes inside a container, so tools (erasure checks above all) see every field that
 * can hold data: list elements at `path[]`, record values at `path.*`, union members and
 * variant fields at `path.field`.
 */
function collectNested(attribute: AnyAttribute, path: string, out: AttributeInfo[]) {
  switch (attribute.kind) {
    case 'map':
      collectAttributes(attribute.fields as Fields, path, out);
      return;
    case 'list':
      collectNested(attribute.element!, `${path}[]`, out);
      return;
    case 'record':
      collectNested(attribute.element!, `${path}.*`, out);
      return;
    case 'anyOf':
      for (const member of attribute.members!) collectNested(member, path, out);
      return;
    case 'discriminated':
      for (const fields of Object.values(attribute.variants!)) collectAttributes(fields, path, out);
      return;
    default:
      return;
  }
}

/**
 * Describes an item: its fields and their types. The item type is inferred; no codegen.
 *
 * @example
 * const User = defineItem({
 *   id: attr.string(),
 *   email: attr.string().meta({ personalData: 'contact' }),
 *   createdAt: attr.date().default(() => new Date()),
 * });
 * type User = ItemOf<typeof User>; // { id: string; email: string; createdAt: Date }
 */
export function defineItem<const F extends Fields>(fields: F): ItemSchema<F> {
  const attributes: AttributeInfo[] = [];
  collectAttributes(fields, '', attributes);
  const codec = compileObject(fields);
  return Object.freeze({
    fields,
    attributes: Object.freeze(attributes),
    codec,
    marshal(item: InferInput<F>) {
      try {
        return codec.encode(item);
      } catch (error) {
        return toDynamiteError(error, 'invalid item');
      }
    },
    unmarshal(raw: Record<string, AttributeValue>, options?: ReadOptions) {
      try {
        return codec.decode(raw, options?.validation === 'lenient') as InferItem<F>;
      } catch (error) {
        return toDynamiteError(error, 'stored item does not match the schema');
      }
    },
  });
}
