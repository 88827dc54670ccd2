// The codec of `attr.any()`: any value DynamoDB can hold, stored as its own type and read back
// as plain JavaScript, with no schema beyond "storable".
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type Codec, checkMapKey, fail, setOwn, storedType } from './codec-kit.js';
import { atSegment } from './issue.js';
import { MAX_N_DIGITS } from './scalar-codecs.js';

const STORABLE =
  'a value DynamoDB can store (string, finite number, bigint, boolean, null, Uint8Array, array, plain object, or a non-empty Set of strings, numbers or Uint8Arrays)';

const INTEGER_TEXT = /^-?\d+$/;

function isPlainRecord(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function encodeSet(set: Set<unknown>): AttributeValue {
  if (set.size === 0) return fail('a non-empty Set (DynamoDB cannot store an empty set)', set);
  const [first] = set;
  if (typeof first === 'string') {
    const out: string[] = [];
    for (const e of set) out.push(typeof e === 'string' ? e : fail('a Set of strings only', e));
    return { SS: out };
  }
  if (typeof first === 'number') {
    const out: string[] = [];
    for (const e of set) {
      out.push(
        typeof e === 'number' && Number.isFinite(e)
          ? String(e)
          : fail('a Set of finite numbers', e),
      );
    }
    return { NS: out };
  }
  if (first instanceof Uint8Array) {
    const out: Uint8Array[] = [];
    for (const e of set) out.push(e instanceof Uint8Array ? e : fail('a Set of Uint8Arrays', e));
    return { BS: out };
  }
  return fail('a Set of strings, numbers or Uint8Arrays', first);
}

/** Encodes a plain value the way `@aws-sdk/util-dynamodb` would, refusing what it would lose. */
export function encodeAny(value: unknown): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      return Number.isFinite(value) ? { N: String(value) } : fail('a finite number', value);
    case 'boolean':
      return { BOOL: value };
    case 'bigint': {
      const text = value.toString();
      const digits = text.startsWith('-') ? text.length - 1 : text.length;
      return digits <= MAX_N_DIGITS
        ? { N: text }
        : fail(`a bigint of at most ${MAX_N_DIGITS} digits`, value);
    }
    case 'object':
      break;
    default:
      return fail(STORABLE, value);
  }
  if (value === null) return { NULL: true };
  if (Array.isArray(value)) {
    const out: AttributeValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      try {
        out[i] = value[i] === undefined ? fail(STORABLE, undefined) : encodeAny(value[i]);
      } catch (error) {
        throw atSegment(error, i);
      }
    }
    return { L: out };
  }
  if (value instanceof Uint8Array) return { B: value };
  if (value instanceof Set) return encodeSet(value);
  if (value instanceof Date) return fail(`${STORABLE}; use attr.date() for dates`, value);
  if (!isPlainRecord(value)) return fail(STORABLE, value);
  const out: Record<string, AttributeValue> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined) continue;
    checkMapKey(key, v);
    try {
      setOwn(out, key, encodeAny(v));
    } catch (error) {
      throw atSegment(error, key);
    }
  }
  return { M: out };
}

/**
 * A stored number as JavaScript: a number, or a bigint when the text is an integer a number
 * cannot hold exactly (so nothing is rounded away).
 */
function decodeNumber(text: string): number | bigint {
  const n = Number(text);
  if (INTEGER_TEXT.test(text) && !Number.isSafeInteger(n) && String(n) !== text) {
    return BigInt(text);
  }
  return n;
}

/** Decodes any stored value into plain JavaScript. */
export function decodeAny(av: AttributeValue): unknown {
  if (av.S !== undefined) return av.S;
  if (av.N !== undefined) return decodeNumber(av.N);
  if (av.BOOL !== undefined) return av.BOOL;
  if (av.NULL !== undefined) return null;
  if (av.M !== undefined) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(av.M)) setOwn(out, key, decodeAny(av.M[key]!));
    return out;
  }
  if (av.L !== undefined) return av.L.map(decodeAny);
  if (av.B !== undefined) return av.B;
  if (av.SS !== undefined) return new Set(av.SS);
  if (av.NS !== undefined) return new Set(av.NS.map(decodeNumber));
  if (av.BS !== undefined) return new Set(av.BS);
  return fail('a DynamoDB attribute value', av);
}

export function anyCodec(): Codec {
  return [
    encodeAny,
    (av, lenient) => (lenient && storedType(av) === undefined ? undefined : decodeAny(av)),
  ];
}
