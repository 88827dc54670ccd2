import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AnyAttribute, Fields } from './attribute.js';
import { parseIsoDateTime } from './iso-date.js';
import { atSegment, SchemaIssue } from './issue.js';
import { toNative } from './native.js';

/** Encodes one value; `undefined` means "store nothing" (an empty set). Throws SchemaIssue. */
export type Encoder = (value: unknown) => AttributeValue | undefined;
/** Decodes one AttributeValue; lenient decoding falls back to the plain value on a mismatch. */
export type Decoder = (av: AttributeValue, lenient: boolean) => unknown;

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
  /** Validates and encodes, applying defaults; rejects unknown fields. */
  encode(value: unknown): Record<string, AttributeValue>;
  /**
   * Decodes and validates. `partial` (index projections) skips the presence checks and
   * defaults for absent attributes. Unknown attributes are dropped.
   */
  decode(
    raw: Record<string, AttributeValue>,
    lenient: boolean,
    partial?: boolean,
  ): Record<string, unknown>;
}

const MAX_N_DIGITS = 38;

function fail(expected: string, received: unknown): never {
  throw new SchemaIssue(expected, received);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value) || value instanceof Date || value instanceof Set) return false;
  if (value instanceof Map || value instanceof Uint8Array) return false;
  return true;
}

function stringCodec(): [Encoder, Decoder] {
  return [
    (v) => (typeof v === 'string' ? { S: v } : fail('a string', v)),
    (av, lenient) => {
      const s = av.S;
      if (s !== undefined) return s;
      return lenient ? toNative(av) : fail('S (a string)', av);
    },
  ];
}

function integerCodec(): [Encoder, Decoder] {
  return [
    (v) =>
      typeof v === 'number' && Number.isSafeInteger(v)
        ? { N: String(v) }
        : fail('a safe integer', v),
    (av, lenient) => {
      const s = av.N;
      if (s !== undefined) {
        const n = Number(s);
        if (Number.isSafeInteger(n) || lenient) return n;
        return fail('N holding a safe integer', s);
      }
      return lenient ? toNative(av) : fail('N (a number)', av);
    },
  ];
}

function floatCodec(): [Encoder, Decoder] {
  return [
    (v) =>
      typeof v === 'number' && Number.isFinite(v) ? { N: String(v) } : fail('a finite number', v),
    (av, lenient) => {
      const s = av.N;
      if (s !== undefined) return Number(s);
      return lenient ? toNative(av) : fail('N (a number)', av);
    },
  ];
}

const INTEGER_TEXT = /^-?\d+$/;

function bigintCodec(): [Encoder, Decoder] {
  return [
    (v) => {
      if (typeof v !== 'bigint') return fail('a bigint', v);
      const text = v.toString();
      const digits = text.startsWith('-') ? text.length - 1 : text.length;
      return digits <= MAX_N_DIGITS
        ? { N: text }
        : fail(`a bigint of at most ${MAX_N_DIGITS} digits`, v);
    },
    (av, lenient) => {
      const s = av.N;
      if (s !== undefined && INTEGER_TEXT.test(s)) return BigInt(s);
      if (lenient) return s !== undefined ? Number(s) : toNative(av);
      return fail('N holding an integer', s ?? av);
    },
  ];
}

function booleanCodec(): [Encoder, Decoder] {
  return [
    (v) => (typeof v === 'boolean' ? { BOOL: v } : fail('a boolean', v)),
    (av, lenient) => {
      const b = av.BOOL;
      if (b !== undefined) return b;
      return lenient ? toNative(av) : fail('BOOL', av);
    },
  ];
}

function dateCodec(attribute: AnyAttribute): [Encoder, Decoder] {
  const storage = attribute.dateStorage ?? 'iso';
  const check = (v: unknown): number => {
    if (!(v instanceof Date)) return fail('a Date', v);
    const time = v.getTime();
    return Number.isNaN(time) ? fail('a valid Date', v) : time;
  };
  if (storage === 'iso') {
    return [
      (v) => {
        check(v);
        return { S: (v as Date).toISOString() };
      },
      (av, lenient) => {
        const s = av.S;
        if (s !== undefined) {
          const date = parseIsoDateTime(s);
          if (date) return date;
          return lenient ? s : fail('S holding an RFC 3339 date-time', s);
        }
        return lenient ? toNative(av) : fail('S (an ISO-8601 date)', av);
      },
    ];
  }
  const scale = storage === 'epochSeconds' ? 1000 : 1;
  return [
    (v) => ({ N: String(Math.floor(check(v) / scale)) }),
    (av, lenient) => {
      const s = av.N;
      if (s !== undefined) {
        const date = new Date(Number(s) * scale);
        if (!Number.isNaN(date.getTime())) return date;
        return lenient
          ? Number(s)
          : fail(`N holding epoch ${storage === 'epochSeconds' ? 'seconds' : 'milliseconds'}`, s);
      }
      return lenient
        ? toNative(av)
        : fail(`N (epoch ${storage === 'epochSeconds' ? 'seconds' : 'milliseconds'})`, av);
    },
  ];
}

function literalCodec(attribute: AnyAttribute): [Encoder, Decoder] {
  const values = attribute.literals ?? [];
  const allowed = new Set<unknown>(values);
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (attribute.dynamoType === 'S') {
    return [
      (v) => (allowed.has(v) ? { S: v as string } : fail(expected, v)),
      (av, lenient) => {
        const s = av.S;
        if (s !== undefined && (allowed.has(s) || lenient)) return s;
        return lenient ? toNative(av) : fail(expected, s ?? av);
      },
    ];
  }
  return [
    (v) => (allowed.has(v) ? { N: String(v) } : fail(expected, v)),
    (av, lenient) => {
      const s = av.N;
      if (s !== undefined) {
        const n = Number(s);
        if (allowed.has(n) || lenient) return n;
        return fail(expected, n);
      }
      return lenient ? toNative(av) : fail(expected, av);
    },
  ];
}

function stringSetCodec(): [Encoder, Decoder] {
  return [
    (v) => {
      if (!(v instanceof Set)) return fail('a Set of strings', v);
      if (v.size === 0) return undefined;
      const out: string[] = [];
      for (const element of v) {
        if (typeof element !== 'string') return fail('a Set of strings', element);
        out.push(element);
      }
      return { SS: out };
    },
    (av, lenient) => {
      const ss = av.SS;
      if (ss !== undefined) return new Set(ss);
      return lenient ? toNative(av) : fail('SS (a string set)', av);
    },
  ];
}

function numberSetCodec(): [Encoder, Decoder] {
  return [
    (v) => {
      if (!(v instanceof Set)) return fail('a Set of numbers', v);
      if (v.size === 0) return undefined;
      const out: string[] = [];
      for (const element of v) {
        if (typeof element !== 'number' || !Number.isFinite(element)) {
          return fail('a Set of finite numbers', element);
        }
        out.push(String(element));
      }
      return { NS: out };
    },
    (av, lenient) => {
      const ns = av.NS;
      if (ns !== undefined) {
        const out = new Set<number>();
        for (const s of ns) out.add(Number(s));
        return out;
      }
      return lenient ? toNative(av) : fail('NS (a number set)', av);
    },
  ];
}

function binaryCodec(): [Encoder, Decoder] {
  return [
    (v) => (v instanceof Uint8Array ? { B: v } : fail('a Uint8Array', v)),
    (av, lenient) => {
      const b = av.B;
      if (b instanceof Uint8Array) return b;
      return lenient ? toNative(av) : fail('B (binary)', av);
    },
  ];
}

function listCodec(attribute: AnyAttribute): [Encoder, Decoder] {
  const element = compileAttribute(attribute.element!);
  const encodeElement = element[0];
  const decodeElement = element[1];
  return [
    (v) => {
      if (!Array.isArray(v)) return fail('an array', v);
      const out: AttributeValue[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        let av: AttributeValue | undefined;
        try {
          av = encodeElement(v[i]);
        } catch (error) {
          throw atSegment(error, i);
        }
        // A list cannot hold "nothing": an empty set has no place to go.
        out[i] = av ?? fail('a non-empty set (a list element cannot be absent)', v[i]);
      }
      return { L: out };
    },
    (av, lenient) => {
      const list = av.L;
      if (list === undefined) return lenient ? toNative(av) : fail('L (a list)', av);
      const out: unknown[] = new Array(list.length);
      for (let i = 0; i < list.length; i++) {
        try {
          out[i] = decodeElement(list[i]!, lenient);
        } catch (error) {
          throw atSegment(error, i);
        }
      }
      return out;
    },
  ];
}

function mapCodec(attribute: AnyAttribute): [Encoder, Decoder] {
  const object = compileObject(attribute.fields as Fields);
  return [
    (v) => ({ M: object.encode(v) }),
    (av, lenient) => {
      const m = av.M;
      if (m !== undefined) return object.decode(m, lenient);
      return lenient ? toNative(av) : fail('M (a map)', av);
    },
  ];
}

function baseCodec(attribute: AnyAttribute): [Encoder, Decoder] {
  switch (attribute.kind) {
    case 'string':
      return stringCodec();
    case 'number':
      return integerCodec();
    case 'float':
      return floatCodec();
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
      return listCodec(attribute);
    case 'map':
      return mapCodec(attribute);
  }
}

/** Compiles one attribute (with its nullability) to an encoder and a decoder. */
export function compileAttribute(attribute: AnyAttribute): [Encoder, Decoder] {
  const [encode, decode] = baseCodec(attribute);
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
export function compileObject(fields: Fields): ObjectCodec {
  const codecs: FieldCodec[] = [];
  const byName = nullPrototype<FieldCodec>();
  const bySaved = nullPrototype<FieldCodec>();
  for (const name of Object.keys(fields)) {
    const attribute = fields[name]!;
    const [encode, decode] = compileAttribute(attribute);
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

  function encode(value: unknown): Record<string, AttributeValue> {
    if (!isPlainObject(value)) return fail('an object', value);
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

  return Object.freeze({ fields: Object.freeze(codecs), byName, bySaved, encode, decode });
}
