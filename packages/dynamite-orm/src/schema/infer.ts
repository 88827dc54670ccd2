import type { AnyAttribute, Attribute, Fields } from './attribute.js';

/** Flattens intersections so editors show plain object types. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The type read back for one attribute. */
export type OutputOf<A extends AnyAttribute> = A['~types']['out'];
/** The type accepted on write for one attribute. */
export type InputOf<A extends AnyAttribute> = A['~types']['in'];

// Field kinds matched against the attribute class itself (its type parameters, by variance)
// rather than by reading `F[K]['~types']['optional']` and `['hasDefault']` per field: fewer
// instantiations for every item type of every table and entity.
// biome-ignore lint/suspicious/noExplicitAny: any attribute that is optional
type OptionalAttribute = Attribute<any, any, true, any, any>;
// biome-ignore lint/suspicious/noExplicitAny: any attribute with a default
type DefaultedAttribute = Attribute<any, any, any, true, any>;

type ReadOptionalKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends OptionalAttribute
    ? F[K] extends DefaultedAttribute
      ? never
      : K
    : never;
}[keyof F];

type WriteOptionalKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends OptionalAttribute | DefaultedAttribute ? K : never;
}[keyof F];

/** The item type read back for a set of fields. Optional fields without a default may be absent. */
export type InferItem<F extends Fields> = Simplify<
  { -readonly [K in Exclude<keyof F, ReadOptionalKeys<F>>]: F[K]['~types']['out'] } & {
    -readonly [K in ReadOptionalKeys<F>]?: F[K]['~types']['out'];
  }
>;

/** The item type accepted on write. Optional fields and fields with a default may be left out. */
export type InferInput<F extends Fields> = Simplify<
  { -readonly [K in Exclude<keyof F, WriteOptionalKeys<F>>]: F[K]['~types']['in'] } & {
    -readonly [K in WriteOptionalKeys<F>]?: F[K]['~types']['in'];
  }
>;

/**
 * The object type of `attr.record(keys, values)`: any string key for `attr.string()` keys, and
 * optional named keys for literal keys.
 */
export type RecordOf<K extends string, V> = string extends K ? Record<string, V> : { [P in K]?: V };

/** One variant of a discriminated union as read back: the tag, then the variant's fields. */
export type TaggedItem<T extends string, K extends string, F extends Fields> = Simplify<
  { -readonly [P in T]: K } & InferItem<F>
>;
/** One variant of a discriminated union as accepted on write. */
export type TaggedInput<T extends string, K extends string, F extends Fields> = Simplify<
  { -readonly [P in T]: K } & InferInput<F>
>;

/** The type read back for `attr.discriminated(tag, variants)`: a union of tagged objects. */
export type DiscriminatedItem<T extends string, V extends { readonly [tag: string]: Fields }> = {
  [K in keyof V & string]: TaggedItem<T, K, V[K]>;
}[keyof V & string];

/** The type accepted on write for `attr.discriminated(tag, variants)`. */
export type DiscriminatedInput<T extends string, V extends { readonly [tag: string]: Fields }> = {
  [K in keyof V & string]: TaggedInput<T, K, V[K]>;
}[keyof V & string];

/**
 * Attribute paths of an item: top-level field names and, through nested maps, dotted paths
 * such as `profile.city`.
 */
export type PathOf<F extends Fields> = {
  [K in keyof F & string]:
    | K
    | (F[K]['~types']['fields'] extends infer G extends Fields ? `${K}.${PathOf<G>}` : never);
}[keyof F & string];

/** The attribute found at a path. */
export type AttributeAt<F extends Fields, P extends string> = P extends keyof F
  ? F[P]
  : P extends `${infer H}.${infer R}`
    ? H extends keyof F
      ? F[H]['~types']['fields'] extends infer G extends Fields
        ? AttributeAt<G, R>
        : never
      : never
    : never;

/** The type read back at a path. */
export type OutputAt<F extends Fields, P extends string> = AttributeAt<F, P>['~types']['out'];
/** The type accepted on write at a path. */
export type InputAt<F extends Fields, P extends string> = AttributeAt<F, P>['~types']['in'];

/** Paths whose attribute satisfies a type test on its read type. */
export type PathsWhere<F extends Fields, T> = {
  [P in PathOf<F>]: NonNullable<OutputAt<F, P>> extends T ? P : never;
}[PathOf<F>];

/** Paths of attributes declared `.optional()` (the ones that may be removed). */
export type OptionalPaths<F extends Fields> = {
  [P in PathOf<F>]: AttributeAt<F, P>['~types']['optional'] extends true ? P : never;
}[PathOf<F>];

/** The element type of a set, list or string (what `contains` looks for). */
export type ElementOf<T> =
  T extends ReadonlySet<infer E>
    ? E
    : T extends readonly (infer E)[]
      ? E
      : T extends string
        ? string
        : never;
