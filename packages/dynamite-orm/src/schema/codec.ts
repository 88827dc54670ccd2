import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { anyCodec } from './any-codec.js';
import type { AnyAttribute, Fields } from './attribute.js';
import {
  type Codec,
  type Compilers,
  type Decoder,
  type Encoder,
  fail,
  isPlainObject,
} from './codec-kit.js';
import { listCodec, mapCodec, recordCodec } from './collection-codecs.js';
import { type DerivedField, derivedFieldsOf, deriveOnPut } from './derived.js';
import { atSegment, SchemaIssue } from './issue.js';
import {
  bigintCodec,
  binaryCodec,
  booleanCodec,
  dateCodec,
  integerCodec,
  literalCodec,
  numberCodec,
  numberSetCodec,
  stringCodec,
  stringSetCodec,
} from './scalar-codecs.js';
import { anyOfCodec, discriminatedCodec } from './union-codecs.js';
import { withValidations } from './validation.js';

export type { Decoder, Encoder } from './codec-kit.js';

/** One field of an object, compiled. */
export interface FieldCodec {
  readonly name: string;
  readonly savedAs: string;
  readonly attribute: AnyAttribute;
  readonly encode: Encoder;
  readonly decode: Decoder;
  readonly optional: boolean;
  readonly hasDefault: boolean;
  /** Required sets read back empty when absent: DynamoDB cannot store an empty set. */
  readonly isSet: boolean;
}

/** A compiled object schema (an item or a nested map). Immutable; safe to share. */
export interface ObjectCodec {
  readonly fields: readonly FieldCodec[];
  /** Field name to codec (null prototype). */
  readonly byName: Readonly<Record<string, FieldCodec>>;
  /** Saved attribute name to codec (null prototype). */
  readonly bySaved: Readonly<Record<string, FieldCodec>>;
  /** The attributes dynamite sets on every write (`.computed()`, `.timestamp()`). */
  readonly derived: readonly DerivedField[];
  /**
   * Validates and encodes, applying defaults and filling derived attributes (timestamps at
   * `now`, default the current time); rejects unknown fields and derived ones given as input.
   */
  encode(value: unknown, now?: Date): Record<string, AttributeValue>;
  /**
   * Decodes and validates. `partial` (index projections) skips the presence checks and
   * defaults for absent attributes. Unknown attributes are dropped.
   */
  decode(
    raw: Record<string, AttributeValue>,
    lenient: boolean,
    partial?: boolean,
  ): Record<string, unknown>;
  /**
   * A table's codec only: the stored item as `decode` reads it, with what the table fills in
   * for attributes it allows to be missing (a version of `allowMissingVersion`). Lenient reads
   * use it so such an attribute is not reported missing.
   */
  complete?(raw: Record<string, AttributeValue>, partial: boolean): Record<string, AttributeValue>;
}

/** Options of {@link compileAttribute} and {@link compileObject}. */
export interface CompileOptions {
  /**
   * Include the `.validate()` checks (default true). False gives the codec of the types alone,
   * for values that are compared with stored data rather than stored (condition operands).
   */
  readonly checks?: boolean;
}

const checked: Compilers = {
  attribute: (attribute) => compileAttribute(attribute),
  object: (fields) => compileObject(fields),
};
const unchecked: Compilers = {
  attribute: (attribute) => compileAttribute(attribute, { checks: false }),
  object: (fields) => compileObject(fields, { checks: false }),
};

function baseCodec(attribute: AnyAttribute, compilers: Compilers): Codec {
  switch (attribute.kind) {
    case 'string':
      return stringCodec();
    case 'number':
      return attribute.isInteger ? integerCodec() : numberCodec();
    case 'float':
      return numberCodec();
    case 'bigint':
      return bigintCodec();
    case 'boolean':
      return booleanCodec();
    case 'date':
      return dateCodec(attribute);
    case 'literal':
      return literalCodec(attribute);
    case 'stringSet':
      return stringSetCodec();
    case 'numberSet':
      return numberSetCodec();
    case 'binary':
      return binaryCodec();
    case 'list':
      return listCodec(attribute, compilers);
    case 'map':
      return mapCodec(attribute, compilers);
    case 'record':
      return recordCodec(attribute, compilers);
    case 'anyOf':
      return anyOfCodec(attribute, compilers);
    case 'discriminated':
      return discriminatedCodec(attribute, compilers);
    case 'any':
      return anyCodec();
  }
}

/**
 * Compiles one attribute (with its `.validate()` checks and its nullability) to an encoder and
 * a decoder.
 */
export function compileAttribute(
  attribute: AnyAttribute,
  options: CompileOptions = {},
): [Encoder, Decoder] {
  const checks = options.checks !== false;
  const base = baseCodec(attribute, checks ? checked : unchecked);
  const [encode, decode] = checks ? withValidations(base, attribute.validations) : base;
  if (!attribute.isNullable) return [encode, decode];
  return [
    (v) => (v === null ? { NULL: true } : encode(v)),
    (av, lenient) => (av.NULL === true ? null : decode(av, lenient)),
  ];
}

function nullPrototype<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Compiles a set of fields to an object codec. */
export function compileObject(fields: Fields, options: CompileOptions = {}): ObjectCodec {
  const codecs: FieldCodec[] = [];
  const byName = nullPrototype<FieldCodec>();
  const bySaved = nullPrototype<FieldCodec>();
  for (const name of Object.keys(fields)) {
    const attribute = fields[name]!;
    const [encode, decode] = compileAttribute(attribute, options);
    const codec: FieldCodec = Object.freeze({
      name,
      savedAs: attribute.savedName ?? name,
      attribute,
      encode,
      decode,
      optional: attribute.isOptional,
      hasDefault: attribute.hasDefault,
      isSet: attribute.kind === 'stringSet' || attribute.kind === 'numberSet',
    });
    codecs.push(codec);
    byName[name] = codec;
    bySaved[codec.savedAs] = codec;
  }
  const count = codecs.length;
  const derived = derivedFieldsOf(fields);

  function encode(given: unknown, now?: Date): Record<string, AttributeValue> {
    if (!isPlainObject(given)) return fail('an object', given);
    const value = derived.length ? deriveOnPut(fields, derived, given, now ?? new Date()) : given;
    for (const key in value) {
      if (byName[key] === undefined && value[key] !== undefined) {
        throw atSegment(
          new SchemaIssue('no such attribute (unknown attributes are rejected)', value[key]),
          key,
        );
      }
    }
    const out: Record<string, AttributeValue> = {};
    for (let i = 0; i < count; i++) {
      const field = codecs[i]!;
      let v = value[field.name];
      if (v === undefined) {
        if (field.hasDefault) v = field.attribute.defaultValue();
        else if (field.optional || field.isSet) continue;
        else
          throw atSegment(
            new SchemaIssue('a value (the attribute is required)', undefined),
            field.name,
          );
      }
      let av: AttributeValue | undefined;
      try {
        av = field.encode(v);
      } catch (error) {
        throw atSegment(error, field.name);
      }
      if (av !== undefined) out[field.savedAs] = av;
    }
    return out;
  }

  function decode(
    raw: Record<string, AttributeValue>,
    lenient: boolean,
    partial = false,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const field = codecs[i]!;
      const av = raw[field.savedAs];
      if (av === undefined) {
        if (partial) continue;
        if (field.hasDefault) out[field.name] = field.attribute.defaultValue();
        else if (field.isSet && !field.optional) out[field.name] = new Set();
        else if (!field.optional && !lenient) {
          throw atSegment(new SchemaIssue('the attribute to be present', undefined), field.name);
        }
        continue;
      }
      try {
        out[field.name] = field.decode(av, lenient);
      } catch (error) {
        throw atSegment(error, field.name);
      }
    }
    return out;
  }

  return Object.freeze({ fields: Object.freeze(codecs), byName, bySaved, derived, encode, decode });
}
