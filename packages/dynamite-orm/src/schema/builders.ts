import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type {
  AnyAttribute,
  Attribute,
  AttributeKind,
  AttributeState,
  DynamoType,
  Fields,
} from './attribute.js';
import {
  anyOfAttribute,
  discriminatedAttribute,
  plainAttribute,
  recordAttribute,
} from './composite-builders.js';
import type { InferInput, InferItem, RecordOf, TaggedInput, TaggedItem } from './infer.js';

function make<Out, In = Out, F extends Fields | undefined = undefined>(
  kind: AttributeKind,
  dynamoType: DynamoType,
  extra: Partial<AttributeState> = {},
): Attribute<Out, In, false, false, F> {
  return plainAttribute(kind, dynamoType, extra);
}

/** Options of {@link attr.date}. */
export interface DateOptions {
  /** `iso` (ISO-8601 string, the default), `epochSeconds` or `epochMillis` (numbers). */
  storage?: DateStorage;
}

type DateStorage = NonNullable<AttributeState['dateStorage']>;

/** What `attr.record` takes as keys: `attr.string()` or a string literal (with `.validate()`). */
export type RecordKeyAttribute = Attribute<string, string, false, false, undefined>;

/** The variants of `attr.discriminated`: tag value to that variant's fields. */
export type Variants = { readonly [tag: string]: Fields };

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

// Two overloads, so a call without a type argument is `unknown`: a generic with a default
// would infer T from where the attribute goes (`any`, from Fields).
function anyAttribute(): Attribute<unknown>;
function anyAttribute<T>(): Attribute<T>;
function anyAttribute(): Attribute<unknown> {
  return make<unknown>('any', 'ANY');
}

/**
 * Attribute builders. Each returns an immutable attribute whose TypeScript type is inferred,
 * with modifiers `.optional()`, `.nullable()`, `.default(v)`, `.savedAs(name)`, `.meta({...})`
 * and `.validate(check)`.
 *
 * @example
 * const User = defineItem({
 *   id: attr.string(),
 *   age: attr.int().optional(),
 *   joined: attr.date({ storage: 'epochMillis' }),
 *   tags: attr.stringSet(),
 *   role: attr.literal('member', 'admin').default('member'),
 *   contact: attr.discriminated('via', {
 *     email: { address: attr.string() },
 *     phone: { number: attr.string(), sms: attr.boolean() },
 *   }),
 *   labels: attr.record(attr.string(), attr.string()),
 * });
 */
export const attr = {
  /** A string, stored as `S`. */
  string: () => make<string>('string', 'S'),
  /** Any finite number, stored as `N` and read back as a JS double. {@link attr.int} for integers. */
  number: () => make<number>('number', 'N'),
  /** A safe integer (`Number.isSafeInteger`), stored as `N`. A stored fraction is an error. */
  int: () => make<number>('number', 'N', { integer: true }),
  /**
   * Any finite number, stored as `N`: the same values as {@link attr.number}.
   *
   * @deprecated `attr.number()` now takes any finite number; use it (or `attr.int()` for safe
   * integers). Kept so existing schemas work unchanged; its `kind` stays `'float'`.
   */
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
  /**
   * An object whose keys are not known in advance and whose values all follow one attribute,
   * stored as `M`. Keys are `attr.string()` (any key, optionally `.validate()`d) or a string
   * `attr.literal(...)` / `attr.enum([...])` (then each key may be present or not).
   *
   * @example
   * attr.record(attr.string(), attr.int()) // { [key: string]: number }
   * attr.record(attr.literal('en', 'fr'), attr.string()) // { en?: string; fr?: string }
   */
  record: <K extends RecordKeyAttribute, V extends AnyAttribute>(keys: K, values: V) =>
    recordAttribute<
      Attribute<
        RecordOf<K['~types']['out'], V['~types']['out']>,
        RecordOf<K['~types']['out'], V['~types']['in']>
      >
    >(keys, values),
  /**
   * A value that follows any one of the members. Members must be stored as different DynamoDB
   * types (so a read knows which one wrote it); a write uses the first member that takes the
   * value. For objects that differ by a field, use {@link attr.discriminated}.
   *
   * @example
   * attr.anyOf(attr.string(), attr.int()) // string | number
   */
  anyOf: <const M extends readonly AnyAttribute[]>(...members: M) =>
    anyOfAttribute<Attribute<M[number]['~types']['out'], M[number]['~types']['in']>>(members),
  /**
   * Objects of several shapes told apart by a tag field, stored as `M` with the tag as an `S`
   * attribute next to the variant's fields. Reads pick the variant by the stored tag.
   *
   * @example
   * attr.discriminated('type', {
   *   card: { last4: attr.string() },
   *   invoice: { dueDays: attr.int() },
   * }) // { type: 'card'; last4: string } | { type: 'invoice'; dueDays: number }
   */
  discriminated: <const T extends string, const V extends Variants>(
    tag: T,
    variants: V,
  ): Attribute<
    // Spelled out rather than DiscriminatedItem<T, V>, so editors show the objects, not the alias.
    { [K in keyof V & string]: TaggedItem<T, K, V[K]> }[keyof V & string],
    { [K in keyof V & string]: TaggedInput<T, K, V[K]> }[keyof V & string]
  > => discriminatedAttribute(tag, variants),
  /**
   * The escape hatch: any value DynamoDB can store, kept as it is and read back as plain
   * JavaScript (`unknown`, or the type you give, which is not checked). Numbers that a JS
   * number cannot hold exactly read back as `bigint`.
   */
  any: anyAttribute,
} as const;
