// Definition-time checks and construction of the attributes built from other attributes:
// records, anyOf unions and discriminated unions. Mistakes here are `definition.invalid`.
import { DynamiteError } from '../errors/dynamite-error.js';
import {
  type AnyAttribute,
  Attribute,
  type AttributeKind,
  type AttributeState,
  type DynamoType,
  type Fields,
} from './attribute.js';
import { FIELD_NAME } from './field-name.js';

function invalid(message: string): never {
  throw new DynamiteError('definition.invalid', message);
}

/** A new attribute without modifiers. */
export function plainAttribute<A>(
  kind: AttributeKind,
  dynamoType: DynamoType,
  extra: Partial<AttributeState> = {},
): A {
  return new Attribute({
    kind,
    dynamoType,
    optional: false,
    nullable: false,
    default: undefined,
    savedAs: undefined,
    meta: {},
    ...extra,
  }) as A;
}

/** Modifiers that only mean something on a field, refused on attributes held by another one. */
function refuseFieldModifiers(attribute: unknown, what: string, nullable: boolean): AnyAttribute {
  if (!(attribute instanceof Attribute)) invalid(`${what} must be an attribute (attr.*)`);
  const a = attribute as AnyAttribute;
  const found = [
    a.isOptional && '.optional()',
    a.hasDefault && '.default()',
    a.savedName !== undefined && '.savedAs()',
    !nullable && a.isNullable && '.nullable()',
  ].filter(Boolean);
  if (found.length > 0) {
    invalid(`${what} cannot use ${found.join(', ')}; put it on the attribute that holds it`);
  }
  return a;
}

/** Checks and builds `attr.record(keys, values)`. */
export function recordAttribute<A>(keys: unknown, values: unknown): A {
  const k = refuseFieldModifiers(keys, 'attr.record keys', false);
  if (k.kind !== 'string' && !(k.kind === 'literal' && k.dynamoType === 'S')) {
    invalid(
      `attr.record keys must be attr.string() or a string attr.literal()/attr.enum(), got ${k.kind}`,
    );
  }
  const v = refuseFieldModifiers(values, 'attr.record values', true);
  return plainAttribute('record', 'M', { keys: k, element: v });
}

const NOT_IN_ANY_OF: readonly AttributeKind[] = ['any', 'anyOf'];

/** Checks and builds `attr.anyOf(...members)`. */
export function anyOfAttribute<A>(members: readonly unknown[]): A {
  if (members.length < 2) invalid('attr.anyOf needs at least two members');
  const byType = new Map<DynamoType, number>();
  const checked = members.map((member, i) => {
    const m = refuseFieldModifiers(member, `attr.anyOf member ${i + 1}`, false);
    if (NOT_IN_ANY_OF.includes(m.kind)) {
      invalid(
        `attr.anyOf member ${i + 1} is attr.${m.kind}(): ${m.kind === 'any' ? 'attr.any() alone already takes every value' : 'list the members of the inner union instead'}`,
      );
    }
    const clash = byType.get(m.dynamoType);
    if (clash !== undefined) {
      invalid(
        `attr.anyOf members ${clash + 1} and ${i + 1} are both stored as ${m.dynamoType}, so a read could not tell which one wrote a value; members must be stored as different DynamoDB types${m.dynamoType === 'M' ? ' (for objects, use attr.discriminated)' : ''}`,
      );
    }
    byType.set(m.dynamoType, i);
    return m;
  });
  return plainAttribute('anyOf', 'ANY', { members: checked });
}

/** Checks and builds `attr.discriminated(tag, variants)`. */
export function discriminatedAttribute<A>(tag: unknown, variants: unknown): A {
  if (typeof tag !== 'string' || !FIELD_NAME.test(tag)) {
    invalid(
      `attr.discriminated tag must be a field name (letters, digits, _, $ or -), got ${JSON.stringify(tag)}`,
    );
  }
  if (typeof variants !== 'object' || variants === null || Array.isArray(variants)) {
    invalid('attr.discriminated variants must be an object of tag value: fields');
  }
  const names = Object.keys(variants);
  if (names.length === 0) invalid('attr.discriminated needs at least one variant');
  const checked: Record<string, Fields> = {};
  for (const name of names) {
    if (name === '') invalid('attr.discriminated: a tag value cannot be empty');
    const fields = (variants as Record<string, unknown>)[name];
    if (typeof fields !== 'object' || fields === null || fields instanceof Attribute) {
      invalid(
        `attr.discriminated variant ${JSON.stringify(name)} must be an object of fields, e.g. { radius: attr.number() }`,
      );
    }
    for (const field of Object.keys(fields)) {
      const attribute = (fields as Record<string, unknown>)[field];
      if (!(attribute instanceof Attribute)) {
        invalid(`attr.discriminated variant ${JSON.stringify(name)}: ${field} is not an attribute`);
      }
      if (field === tag || attribute.savedName === tag) {
        invalid(
          `attr.discriminated variant ${JSON.stringify(name)}: ${field} clashes with the tag ${JSON.stringify(tag)}, which the union stores itself`,
        );
      }
    }
    checked[name] = fields as Fields;
  }
  return plainAttribute('discriminated', 'M', { tag, variants: checked });
}
