// Conditions evaluated here, the way DynamoDB evaluates them on a stored item: used where the
// mapper must know a condition's outcome without sending it (a read rule on a decoded item,
// which part of a failed write condition was the policy's).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { isMissableVersion, unversionedValue } from '../model/missing-version.js';
import { type ResolvedPath, resolvePath, type TableModel } from '../model/table-model.js';
import { encodeAtPath, encodeElement, encodeSize } from './compile-condition.js';
import type { Condition } from './condition.js';

/** The stored value at a resolved path, or `undefined` when the attribute is absent. */
export type AttributeLookup = (resolved: ResolvedPath) => AttributeValue | undefined;

/** A value of the decoded item that its schema cannot encode (a lenient read's mismatch). */
const UNREADABLE: AttributeValue = Object.freeze({}) as AttributeValue;

/** Looks attributes up in a stored item (saved names, DynamoDB's own form). */
export function storedLookup(item: Record<string, AttributeValue> | undefined): AttributeLookup {
  return (resolved) => {
    let av: AttributeValue | undefined = item?.[resolved.saved[0]!];
    for (let i = 1; i < resolved.saved.length && av !== undefined; i++) {
      av = av.M?.[resolved.saved[i]!];
    }
    return av;
  };
}

/**
 * Looks attributes up in a decoded item, encoded again by the schema. A default filled in on
 * read counts as present here, where DynamoDB would find the attribute absent.
 */
export function decodedLookup(
  item: Readonly<Record<string, unknown>> | undefined,
): AttributeLookup {
  return (resolved) => {
    let value: unknown = item;
    for (const segment of resolved.path.split('.')) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
    if (value === undefined) return undefined;
    try {
      return resolved.encode(value);
    } catch {
      return UNREADABLE;
    }
  };
}

const utf8 = new TextEncoder();

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Numbers as DynamoDB compares them: exactly for integers, as doubles otherwise. */
function compareNumbers(a: string, b: string): number {
  if (/^-?\d+$/.test(a) && /^-?\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Math.sign(Number(a) - Number(b));
}

/** The order of two scalars of one type (S by UTF-8 bytes, N numerically, B by bytes). */
function order(a: AttributeValue, b: AttributeValue): number | undefined {
  if (a.S !== undefined && b.S !== undefined) {
    return a.S === b.S ? 0 : compareBytes(utf8.encode(a.S), utf8.encode(b.S));
  }
  if (a.N !== undefined && b.N !== undefined) return compareNumbers(a.N, b.N);
  if (a.B !== undefined && b.B !== undefined) return compareBytes(a.B, b.B);
  return undefined;
}

function sameMembers<T>(a: readonly T[], b: readonly T[], key: (v: T) => string): boolean {
  if (a.length !== b.length) return false;
  const seen = new Set(a.map(key));
  return b.every((v) => seen.has(key(v)));
}

const numberKey = (n: string) => (/^-?\d+$/.test(n) ? BigInt(n).toString() : String(Number(n)));
const bytesKey = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Equality of two stored values, as DynamoDB's `=`: sets in any order, numbers by value. */
export function sameStoredValue(a: AttributeValue, b: AttributeValue): boolean {
  if (a.S !== undefined) return a.S === b.S;
  if (a.N !== undefined) return b.N !== undefined && compareNumbers(a.N, b.N) === 0;
  if (a.B !== undefined) return b.B !== undefined && compareBytes(a.B, b.B) === 0;
  if (a.BOOL !== undefined) return a.BOOL === b.BOOL;
  if (a.NULL !== undefined) return b.NULL !== undefined;
  if (a.SS !== undefined) return b.SS !== undefined && sameMembers(a.SS, b.SS, String);
  if (a.NS !== undefined) return b.NS !== undefined && sameMembers(a.NS, b.NS, numberKey);
  if (a.BS !== undefined) return b.BS !== undefined && sameMembers(a.BS, b.BS, bytesKey);
  if (a.L !== undefined) {
    return (
      b.L !== undefined &&
      a.L.length === b.L.length &&
      a.L.every((v, i) => sameStoredValue(v, b.L![i]!))
    );
  }
  if (a.M !== undefined) {
    if (b.M === undefined) return false;
    const keys = Object.keys(a.M);
    return (
      keys.length === Object.keys(b.M).length &&
      keys.every((k) => b.M![k] !== undefined && sameStoredValue(a.M![k]!, b.M![k]!))
    );
  }
  return false;
}

function sizeOf(av: AttributeValue): number | undefined {
  if (av.S !== undefined) return utf8.encode(av.S).length;
  if (av.B !== undefined) return av.B.length;
  return (av.SS ?? av.NS ?? av.BS ?? av.L)?.length ?? (av.M ? Object.keys(av.M).length : undefined);
}

function compareWith(operator: string, cmp: number | undefined): boolean {
  if (cmp === undefined) return false;
  switch (operator) {
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
    default:
      return false;
  }
}

function containsElement(av: AttributeValue, element: AttributeValue): boolean {
  if (av.S !== undefined) return element.S !== undefined && av.S.includes(element.S);
  if (av.SS !== undefined) return element.S !== undefined && av.SS.includes(element.S);
  if (av.NS !== undefined) {
    return element.N !== undefined && av.NS.some((n) => compareNumbers(n, element.N!) === 0);
  }
  if (av.BS !== undefined) {
    return element.B !== undefined && av.BS.some((b) => compareBytes(b, element.B!) === 0);
  }
  if (av.L !== undefined) return av.L.some((v) => sameStoredValue(v, element));
  return false;
}

/**
 * Whether a condition holds for an item, as DynamoDB would decide it: a comparison with an
 * absent attribute is false (but `<>` is true), sets are equal in any order, strings are
 * ordered by their UTF-8 bytes.
 */
export function conditionHolds(
  model: TableModel,
  condition: Condition,
  lookup: AttributeLookup,
): boolean {
  switch (condition.type) {
    case 'and':
      return condition.conditions.every((c) => conditionHolds(model, c, lookup));
    case 'or':
      return condition.conditions.some((c) => conditionHolds(model, c, lookup));
    case 'not':
      return !conditionHolds(model, condition.condition, lookup);
    default:
      break;
  }
  const resolved = resolvePath(model, condition.path);
  const stored = lookup(resolved);
  // An item without the version, on a table that keeps such items, compares as version 0
  // (the write builders' conditions say the same to DynamoDB); `exists` still sees it absent.
  const comparing =
    condition.type === 'in' ||
    ((condition.type === 'compare' || condition.type === 'between') && !condition.size);
  const av =
    stored === undefined && comparing && isMissableVersion(model, resolved)
      ? unversionedValue()
      : stored;
  switch (condition.type) {
    case 'exists':
      return (av !== undefined) === condition.exists;
    case 'stored':
      if (condition.value === undefined) return av === undefined;
      return av !== undefined && sameStoredValue(av, condition.value);
    case 'compare': {
      const target = condition.size
        ? encodeSize(resolved, condition.value)
        : encodeAtPath(resolved, condition.value, 'condition');
      if (av === undefined) return condition.operator === '<>';
      if (condition.size) {
        const size = sizeOf(av);
        if (size === undefined) return false;
        const cmp = compareNumbers(String(size), target.N!);
        return condition.operator === '='
          ? cmp === 0
          : condition.operator === '<>'
            ? cmp !== 0
            : compareWith(condition.operator, cmp);
      }
      if (condition.operator === '=') return sameStoredValue(av, target);
      if (condition.operator === '<>') return !sameStoredValue(av, target);
      return compareWith(condition.operator, order(av, target));
    }
    case 'between': {
      if (av === undefined) return false;
      const encode = (v: unknown) =>
        condition.size ? encodeSize(resolved, v) : encodeAtPath(resolved, v, 'condition');
      const low = encode(condition.low);
      const high = encode(condition.high);
      const size = condition.size ? sizeOf(av) : undefined;
      if (condition.size && size === undefined) return false;
      const value = condition.size ? { N: String(size) } : av;
      const above = order(value, low);
      const below = order(value, high);
      return above !== undefined && below !== undefined && above >= 0 && below <= 0;
    }
    case 'beginsWith':
      return av?.S?.startsWith(condition.prefix) === true;
    case 'contains':
      return av !== undefined && containsElement(av, encodeElement(resolved, condition.value));
    case 'in':
      return (
        av !== undefined &&
        condition.values.some((v) => sameStoredValue(av, encodeAtPath(resolved, v, 'condition')))
      );
    default:
      throw new DynamiteError('request.invalid', `unknown condition ${describeValue(condition)}`);
  }
}

/** The top-level field names a condition reads. */
export function conditionFields(condition: Condition, out = new Set<string>()): Set<string> {
  switch (condition.type) {
    case 'and':
    case 'or':
      for (const c of condition.conditions) conditionFields(c, out);
      return out;
    case 'not':
      return conditionFields(condition.condition, out);
    default:
      out.add(condition.path.split('.')[0]!);
      return out;
  }
}
