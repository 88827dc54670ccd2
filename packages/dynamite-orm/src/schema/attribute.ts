/**
 * Which builder made an attribute; decides its DynamoDB type and how values are checked.
 * `number` covers `attr.number()` and `attr.int()` (see `isInteger`); `float` is the deprecated
 * `attr.float()`.
 */
export type AttributeKind =
  | 'string'
  | 'number'
  | 'float'
  | 'bigint'
  | 'boolean'
  | 'date'
  | 'literal'
  | 'stringSet'
  | 'numberSet'
  | 'list'
  | 'map'
  | 'binary'
  | 'record'
  | 'anyOf'
  | 'discriminated'
  | 'any';

/**
 * The DynamoDB attribute type a value is stored as (`NULL` is used for `null` on nullable ones).
 * `ANY` means no one fixed type: `attr.any()` and `attr.anyOf(...)` store each value as its own.
 */
export type DynamoType = 'S' | 'N' | 'B' | 'BOOL' | 'SS' | 'NS' | 'L' | 'M' | 'ANY';

/**
 * What a `.validate()` check answers: `true` when the value is valid; `false` or a text saying
 * what is allowed (e.g. `'at most 3 tags'`) when it is not.
 */
export type ValidationResult = boolean | string;

/** One `.validate()` check of an attribute, as stored. */
export interface Validation {
  readonly check: (value: never) => ValidationResult;
  /** What is allowed, for the error when `check` returns `false` or throws. */
  readonly allowed: string | undefined;
}

/** How a date is stored: an ISO-8601 string, or epoch seconds / milliseconds as a number. */
export type DateStorage = 'iso' | 'epochSeconds' | 'epochMillis';

/**
 * Free-form facts about an attribute that tools read (data maps, erasure checks, docs).
 * The named keys are the ones this package knows; other keys are kept as given.
 */
export interface AttributeMeta {
  /** What the attribute holds, for people. */
  readonly description?: string;
  /** A personal-data category (e.g. `contact`, `identifier`), when the attribute holds one. */
  readonly personalData?: string;
  /** Why the data is kept (a processing purpose). */
  readonly purpose?: string;
  readonly [key: string]: unknown;
}

/** A map attribute's fields: field name to attribute. */
export type Fields = { readonly [name: string]: AnyAttribute };

/** Any attribute, whatever its types. */
// biome-ignore lint/suspicious/noExplicitAny: the widest attribute type has to erase its parameters
export type AnyAttribute = Attribute<any, any, boolean, boolean, any>;

type DefaultValue = { readonly fn: () => unknown } | { readonly value: unknown };

/** How a derived attribute gets its value on every write. */
export type Derivation =
  | {
      readonly kind: 'computed';
      /** The fields the value is computed from. */
      readonly from: readonly string[];
      // biome-ignore lint/suspicious/noExplicitAny: the computing function is typed by its caller
      readonly value: (item: any) => unknown;
    }
  /** Set to the time of the write that created the item; kept by updates. */
  | { readonly kind: 'created' }
  /** Set to the time of every write. */
  | { readonly kind: 'updated' };

/** Everything an attribute holds at run time, independent of its TypeScript parameters. */
export interface AttributeState {
  readonly kind: AttributeKind;
  readonly dynamoType: DynamoType;
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly default: DefaultValue | undefined;
  readonly savedAs: string | undefined;
  readonly meta: AttributeMeta;
  readonly dateStorage?: DateStorage;
  readonly literals?: readonly (string | number)[];
  readonly element?: AnyAttribute;
  readonly fields?: Fields;
  /** `attr.int()`: only safe integers. */
  readonly integer?: boolean;
  readonly validations?: readonly Validation[];
  /** The members of `attr.anyOf(...)`. */
  readonly members?: readonly AnyAttribute[];
  /** The key attribute of `attr.record(keys, values)`. */
  readonly keys?: AnyAttribute;
  /** The tag field name of `attr.discriminated(tag, variants)`. */
  readonly tag?: string;
  /** Tag value to the variant's fields, for `attr.discriminated(tag, variants)`. */
  readonly variants?: Readonly<Record<string, Fields>>;
  /** Set by dynamite on every write: `.computed()` or `.timestamp()`. */
  readonly derivation?: Derivation;
}

const NO_VALIDATIONS: readonly Validation[] = Object.freeze([]);

/**
 * One attribute of an item schema. Immutable: each modifier returns a new attribute.
 *
 * The type parameters are the type read back (`Out`), the type accepted on write (`In`),
 * whether the attribute may be absent, whether it has a default, and for maps their fields.
 */
export class Attribute<
  Out,
  In = Out,
  Optional extends boolean = false,
  HasDefault extends boolean = false,
  MapFields extends Fields | undefined = undefined,
> {
  /** Type-level only: carries the parameters so helper types can read them. */
  declare readonly '~types': {
    readonly out: Out;
    readonly in: In;
    readonly optional: Optional;
    readonly hasDefault: HasDefault;
    readonly fields: MapFields;
  };

  readonly kind: AttributeKind;
  readonly dynamoType: DynamoType;
  readonly isOptional: boolean;
  readonly isNullable: boolean;
  /** The saved attribute name when it differs from the field name. */
  readonly savedName: string | undefined;
  readonly metadata: AttributeMeta;
  readonly dateStorage: DateStorage | undefined;
  readonly literals: readonly (string | number)[] | undefined;
  /** The element attribute of a list, or the value attribute of a record. */
  readonly element: AnyAttribute | undefined;
  /** The fields of a map. */
  readonly fields: MapFields;
  /** True for `attr.int()`: a number attribute that takes safe integers only. */
  readonly isInteger: boolean;
  /** The `.validate()` checks, in the order they were added. */
  readonly validations: readonly Validation[];
  /** The members of `attr.anyOf(...)`. */
  readonly members: readonly AnyAttribute[] | undefined;
  /** The key attribute of a record. */
  readonly keys: AnyAttribute | undefined;
  /** The tag field of a discriminated union. */
  readonly tag: string | undefined;
  /** Tag value to fields, for a discriminated union. */
  readonly variants: Readonly<Record<string, Fields>> | undefined;
  /** How dynamite sets the attribute on every write, for `.computed()` and `.timestamp()`. */
  readonly derivation: Derivation | undefined;
  readonly #default: DefaultValue | undefined;

  constructor(state: AttributeState) {
    this.kind = state.kind;
    this.dynamoType = state.dynamoType;
    this.isOptional = state.optional;
    this.isNullable = state.nullable;
    this.savedName = state.savedAs;
    this.metadata = Object.freeze({ ...state.meta });
    this.dateStorage = state.dateStorage;
    this.literals = state.literals ? Object.freeze([...state.literals]) : undefined;
    this.element = state.element;
    this.fields = state.fields as MapFields;
    this.isInteger = state.integer === true;
    this.validations = state.validations ? Object.freeze([...state.validations]) : NO_VALIDATIONS;
    this.members = state.members ? Object.freeze([...state.members]) : undefined;
    this.keys = state.keys;
    this.tag = state.tag;
    this.variants = state.variants ? Object.freeze({ ...state.variants }) : undefined;
    this.derivation = state.derivation;
    this.#default = state.default;
    Object.freeze(this);
  }

  /** True when a default value or function was given. */
  get hasDefault(): boolean {
    return this.#default !== undefined;
  }

  /** A fresh default value (functions are called each time), or undefined without a default. */
  defaultValue(): unknown {
    const d = this.#default;
    if (d === undefined) return undefined;
    return 'fn' in d ? d.fn() : d.value;
  }

  /** The attribute's state, for building a modified copy or for tools that read schemas. */
  get state(): AttributeState {
    return {
      kind: this.kind,
      dynamoType: this.dynamoType,
      optional: this.isOptional,
      nullable: this.isNullable,
      default: this.#default,
      savedAs: this.savedName,
      meta: this.metadata,
      ...(this.dateStorage ? { dateStorage: this.dateStorage } : {}),
      ...(this.literals ? { literals: this.literals } : {}),
      ...(this.element ? { element: this.element } : {}),
      ...(this.fields ? { fields: this.fields as Fields } : {}),
      ...(this.isInteger ? { integer: true } : {}),
      ...(this.validations.length ? { validations: this.validations } : {}),
      ...(this.members ? { members: this.members } : {}),
      ...(this.keys ? { keys: this.keys } : {}),
      ...(this.tag !== undefined ? { tag: this.tag } : {}),
      ...(this.variants ? { variants: this.variants } : {}),
      ...(this.derivation ? { derivation: this.derivation } : {}),
    };
  }

  /** The attribute may be absent: writes may leave it out and reads may not find it. */
  optional(): Attribute<Out, In, true, HasDefault, MapFields> {
    return new Attribute({ ...this.state, optional: true });
  }

  /** The attribute may hold `null`, stored as DynamoDB `NULL`. */
  nullable(): Attribute<Out | null, In | null, Optional, HasDefault, MapFields> {
    return new Attribute({ ...this.state, nullable: true });
  }

  /**
   * Used when a write leaves the attribute out, and when a read does not find it. A function
   * is called each time (e.g. `() => new Date()`).
   */
  default(value: In | (() => In)): Attribute<Out, In, Optional, true, MapFields> {
    const d: DefaultValue =
      typeof value === 'function' ? { fn: value as () => unknown } : { value };
    return new Attribute({ ...this.state, default: d });
  }

  /** Store the field under another DynamoDB attribute name (e.g. `groupId` saved as `pk`). */
  savedAs(name: string): Attribute<Out, In, Optional, HasDefault, MapFields> {
    return new Attribute({ ...this.state, savedAs: name });
  }

  /**
   * A check of your own, run after the type checks: on every write (put, update values, keys,
   * batches, transactions, and condition values) and on strict reads. Return `true` for a valid
   * value, or `false` / a text saying what is allowed. The error is `schema.invalid` with the
   * field path, `expected` set to that text (or `allowed`), and the value received; a check that
   * throws is reported the same way, with the thrown error as `cause`. Checks never see `null`.
   *
   * @example
   * attr.string().validate((s) => s.includes('@') || 'an email address')
   * attr.int().validate((n) => n >= 0, 'a non-negative integer')
   */
  validate(
    check: (value: Exclude<In, null>) => ValidationResult,
    allowed?: string,
  ): Attribute<Out, In, Optional, HasDefault, MapFields> {
    const validation: Validation = Object.freeze({ check, allowed });
    return new Attribute({ ...this.state, validations: [...this.validations, validation] });
  }

  /**
   * Computed by dynamite from other fields on every write and stored, so it can be indexed,
   * filtered and read like any attribute. It is not accepted as input (a type error, and
   * `request.invalid` at run time). A put computes it from the item; an update that changes one
   * of `from` must `set` all of them (the stored item is not read), or is refused.
   *
   * @example
   * const fullName = attr.string().computed(['first', 'last'], (u) => `${u.first} ${u.last}`);
   */
  computed<const D extends string>(
    from: readonly D[],
    // biome-ignore lint/suspicious/noExplicitAny: the sibling fields are not known to an attribute
    value: (item: { readonly [K in D]: any }) => Exclude<In, undefined>,
  ): Attribute<Out, never, Optional, true, MapFields> {
    const derivation: Derivation = Object.freeze({
      kind: 'computed',
      from: Object.freeze([...from]),
      value,
    });
    return new Attribute({ ...this.state, derivation });
  }

  /**
   * A date dynamite sets itself: `'created'` on the write that creates the item (kept by
   * updates, `if_not_exists`), `'updated'` on every write. Not accepted as input. A put writes
   * a whole new item, so it sets both.
   *
   * @example
   * const stamped = { createdAt: attr.date().timestamp('created'), updatedAt: attr.date().timestamp('updated') };
   */
  timestamp(when: 'created' | 'updated'): Attribute<Out, never, Optional, true, MapFields> {
    const derivation: Derivation = Object.freeze({ kind: when });
    return new Attribute({ ...this.state, derivation });
  }

  /** Attach facts that tools read (personal-data category, purpose, description). */
  meta(meta: AttributeMeta): Attribute<Out, In, Optional, HasDefault, MapFields> {
    return new Attribute({ ...this.state, meta: { ...this.metadata, ...meta } });
  }
}
