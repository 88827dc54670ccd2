// The codecs of attributes that hold other attributes by position or by name: lists, maps and
// records. They get the compilers for what they hold from codec.ts (see Compilers).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AnyAttribute, Fields } from './attribute.js';
import {
  type Codec,
  type Compilers,
  checkMapKey,
  fail,
  isPlainObject,
  setOwn,
} from './codec-kit.js';
import { atSegment, SchemaIssue } from './issue.js';
import { toNative } from './native.js';

export function listCodec(attribute: AnyAttribute, compile: Compilers): Codec {
  const [encodeElement, decodeElement] = compile.attribute(attribute.element!);
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

export function mapCodec(attribute: AnyAttribute, compile: Compilers): Codec {
  const object = compile.object(attribute.fields as Fields);
  return [
    (v) => ({ M: object.encode(v) }),
    (av, lenient) => {
      const m = av.M;
      if (m !== undefined) return object.decode(m, lenient);
      return lenient ? toNative(av) : fail('M (a map)', av);
    },
  ];
}

/**
 * Checks a record key with the key attribute's encoder (type, literal values, `.validate()`),
 * or nothing for a plain `attr.string()` key, which every map key already is.
 */
function keyCheck(keys: AnyAttribute, compile: Compilers): ((key: string) => void) | undefined {
  if (keys.kind === 'string' && keys.validations.length === 0) return undefined;
  const [encodeKey] = compile.attribute(keys);
  return (key) => {
    try {
      encodeKey(key);
    } catch (error) {
      if (!(error instanceof SchemaIssue)) throw error;
      throw atSegment(new SchemaIssue(`a key that is ${error.expected}`, key, error.cause), key);
    }
  };
}

export function recordCodec(attribute: AnyAttribute, compile: Compilers): Codec {
  const [encodeValue, decodeValue] = compile.attribute(attribute.element!);
  const checkKey = keyCheck(attribute.keys!, compile);
  return [
    (v) => {
      if (!isPlainObject(v)) return fail('an object (a record)', v);
      const out: Record<string, AttributeValue> = {};
      for (const key of Object.keys(v)) {
        const value = v[key];
        if (value === undefined) continue;
        checkMapKey(key, value);
        checkKey?.(key);
        let av: AttributeValue | undefined;
        try {
          av = encodeValue(value);
        } catch (error) {
          throw atSegment(error, key);
        }
        // Dropping the entry would lose its key: refuse what DynamoDB cannot store.
        if (av === undefined) {
          throw atSegment(
            new SchemaIssue('a non-empty set (a record value cannot be absent)', value),
            key,
          );
        }
        setOwn(out, key, av);
      }
      return { M: out };
    },
    (av, lenient) => {
      const m = av.M;
      if (m === undefined) return lenient ? toNative(av) : fail('M (a map)', av);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(m)) {
        if (!lenient) checkKey?.(key);
        try {
          setOwn(out, key, decodeValue(m[key]!, lenient));
        } catch (error) {
          throw atSegment(error, key);
        }
      }
      return out;
    },
  ];
}
