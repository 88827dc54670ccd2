import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import {
  type AnyAttribute,
  Attribute,
  type AttributeKind,
  type DateStorage,
  type DynamoType,
  type Fields,
} from './attribute.js';
import type { InferInput, InferItem } from './infer.js';

function make<Out, In = Out, F extends Fields | undefined = undefined>(
  kind: AttributeKind,
  dynamoType: DynamoType,
  extra: {
    dateStorage?: DateStorage;
    literals?: readonly (string | number)[];
    element?: AnyAttribute;
    fields?: Fields;
  } = {},
): Attribute<Out, In, false, false, F> {
  return new Attribute({
    kind,
    dynamoType,
    optional: false,
    nullable: false,
    default: undefined,
    savedAs: undefined,
    meta: {},
    ...extra,
  });
}

/** Options of {@link attr.date}. */
export interface DateOptions {
  /** `iso` (ISO-8601 string, the default), `epochSeconds` or `epochMillis` (numbers). */
  storage?: DateStorage;
}

function literalAttribute<const L extends readonly (string | number)[]>(values: L) {
  if (values.length === 0) {
    throw new DynamiteError('definition.invalid', 'a literal attribute needs at least one value');
  }
  const allStrings = values.every((v) => typeof v === 'string');
  const allNumbers = values.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!allStrings && !allNumbers) {
    throw new DynamiteError(
      'definition.invalid',
      `literal values must be all strings or all finite numbers, got ${values.map(describeValue).join(', ')}`,
    );
  }
  return make<L[number]>('literal', allStrings ? 'S' : 'N', { literals: values });
}

/**
 * Attribute builders. Each returns an immutable attribute whose TypeScript type is inferred,
 * with modifiers `.optional()`, `.nullable()`, `.default(v)`, `.savedAs(name)`, `.meta({...})`.
 *
 * @example
 * const User = defineItem({
 *   id: attr.string(),
 *   age: attr.number().optional(),
 *   joined: attr.date({ storage: 'epochMillis' }),
 *   tags: attr.stringSet(),
 *   role: attr.literal('member', 'admin').default('member'),
 * });
 */
export const attr = {
  /** A string, stored as `S`. */
  string: () => make<string>('string', 'S'),
  /** A safe integer (`Number.isSafeInteger`), stored as `N`. Use {@link attr.float} for fractions. */
  number: () => make<number>('number', 'N'),
  /** Any finite number, stored as `N` (read back as a JS double). */
  float: () => make<number>('float', 'N'),
  /** A `bigint` of up to 38 digits, stored as `N` and read back as `bigint`. */
  bigint: () => make<bigint>('bigint', 'N'),
  /** A boolean, stored as `BOOL`. */
  boolean: () => make<boolean>('boolean', 'BOOL'),
  /**
   * A `Date`, stored as an ISO-8601 string (default) or as epoch seconds or milliseconds.
   * Always read back as a `Date`. Epoch seconds drop the milliseconds (floor).
   */
  date: (options: DateOptions = {}) => {
    const storage = options.storage ?? 'iso';
    return make<Date>('date', storage === 'iso' ? 'S' : 'N', { dateStorage: storage });
  },
  /** One of the given values (all strings, stored as `S`, or all numbers, stored as `N`). */
  literal: <const L extends readonly (string | number)[]>(...values: L) => literalAttribute(values),
  /** Same as {@link attr.literal} with the values as one array. */
  enum: <const L extends readonly (string | number)[]>(values: L) => literalAttribute(values),
  /** A `Set<string>`, stored as `SS`. An empty set is stored as an absent attribute. */
  stringSet: () => make<Set<string>, ReadonlySet<string>>('stringSet', 'SS'),
  /** A `Set<number>` of finite numbers, stored as `NS`. An empty set is stored as absent. */
  numberSet: () => make<Set<number>, ReadonlySet<number>>('numberSet', 'NS'),
  /** A list whose elements all follow one attribute, stored as `L`. */
  list: <E extends AnyAttribute>(element: E) =>
    make<E['~types']['out'][], readonly E['~types']['in'][]>('list', 'L', { element }),
  /** A nested object with its own fields, stored as `M`. */
  map: <const F extends Fields>(fields: F) =>
    make<InferItem<F>, InferInput<F>, F>('map', 'M', { fields }),
  /** Bytes (`Uint8Array`), stored as `B`. */
  binary: () => make<Uint8Array>('binary', 'B'),
} as const;
