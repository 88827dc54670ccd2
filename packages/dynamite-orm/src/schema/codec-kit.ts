import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AnyAttribute, Fields } from './attribute.js';
import { atSegment, SchemaIssue } from './issue.js';

/** Encodes one value; `undefined` means "store nothing" (an empty set). Throws SchemaIssue. */
export type Encoder = (value: unknown) => AttributeValue | undefined;
/** Decodes one AttributeValue; lenient decoding falls back to the plain value on a mismatch. */
export type Decoder = (av: AttributeValue, lenient: boolean) => unknown;
/** An attribute's compiled pair. */
export type Codec = [Encoder, Decoder];

/** The object codec's two halves, as container codecs use them. */
export interface ObjectCoder {
  encode(value: unknown): Record<string, AttributeValue>;
  decode(raw: Record<string, AttributeValue>, lenient: boolean): Record<string, unknown>;
}

/**
 * The compilers container codecs call for what they hold. Passed in rather than imported so the
 * codec modules form no import circle.
 */
export interface Compilers {
  attribute(attribute: AnyAttribute): Codec;
  object(fields: Fields): ObjectCoder;
}

/** Throws the issue for a value that does not match. */
export function fail(expected: string, received: unknown): never {
  throw new SchemaIssue(expected, received);
}

/** A plain object: not null, an array, a Date, a Set, a Map or bytes. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value) || value instanceof Date || value instanceof Set) return false;
  if (value instanceof Map || value instanceof Uint8Array) return false;
  return true;
}

/** Sets a key on a fresh object, also when the key is `__proto__` (which `=` would not store). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else target[key] = value;
}

/** The DynamoDB type tag of a stored value (`NULL` included), or undefined for an empty one. */
export function storedType(av: AttributeValue): string | undefined {
  if (av.S !== undefined) return 'S';
  if (av.N !== undefined) return 'N';
  if (av.M !== undefined) return 'M';
  if (av.L !== undefined) return 'L';
  if (av.BOOL !== undefined) return 'BOOL';
  if (av.NULL !== undefined) return 'NULL';
  if (av.B !== undefined) return 'B';
  if (av.SS !== undefined) return 'SS';
  if (av.NS !== undefined) return 'NS';
  if (av.BS !== undefined) return 'BS';
  return undefined;
}

/** DynamoDB refuses an empty attribute name, in nested maps too ("Empty attribute name"). */
export function checkMapKey(key: string, value: unknown): void {
  if (key === '') {
    throw atSegment(
      new SchemaIssue('a non-empty key (DynamoDB refuses empty attribute names)', value),
      key,
    );
  }
}
