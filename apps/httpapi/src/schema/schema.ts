/**
 * A few schema builders that do two jobs from one definition: check a parsed JSON value and
 * describe it as JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1). The OpenAPI document
 * is generated from the very objects that validate requests, so the two cannot drift apart.
 */

/** A JSON Schema fragment. */
export type JsonSchema = { [key: string]: unknown };

/** Why a value does not fit a schema: the first problem found. */
export interface SchemaIssue {
  /** Where: `owner`, `domains[1]`; `null` for the body as a whole. */
  field: string | null;
  /** `field-missing`, `field-unknown`, `field-type`, `field-length`, `field-pattern`, `field-count`. */
  code: SchemaIssueCode;
  message: string;
}

/** What a {@link SchemaIssue} is about. */
export type SchemaIssueCode =
  | 'body-type'
  | 'field-missing'
  | 'field-unknown'
  | 'field-type'
  | 'field-length'
  | 'field-pattern'
  | 'field-count';

/** The outcome of {@link Schema.check}. */
export type CheckResult<T> = { ok: true; value: T } | { ok: false; issue: SchemaIssue };

/** A schema: a check and its JSON Schema. */
export interface Schema<T> {
  readonly json: JsonSchema;
  /** Checks `value` found at `field` (`null` for the root). */
  check(value: unknown, field: string | null): CheckResult<T>;
}

/** Options of {@link stringSchema}. Lengths count code points, as JSON Schema does. */
export interface StringSchemaOptions {
  minLength?: number;
  maxLength?: number;
  /** An ECMAScript pattern, tested with the `u` flag (as JSON Schema does). */
  pattern?: string;
  /** Said in the error when the pattern does not match. */
  patternMessage?: string;
  description?: string;
  examples?: readonly string[];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function where(field: string | null): string {
  return field === null ? 'the body' : field;
}

/** A string with optional length bounds (in code points) and pattern. */
export function stringSchema(options: StringSchemaOptions = {}): Schema<string> {
  const pattern = options.pattern === undefined ? undefined : new RegExp(options.pattern, 'u');
  const json: JsonSchema = { type: 'string' };
  if (options.minLength !== undefined) json.minLength = options.minLength;
  if (options.maxLength !== undefined) json.maxLength = options.maxLength;
  if (options.pattern !== undefined) json.pattern = options.pattern;
  if (options.description !== undefined) json.description = options.description;
  if (options.examples !== undefined) json.examples = [...options.examples];
  return {
    json,
    check(value, field) {
      if (typeof value !== 'string') {
        return {
          ok: false,
          issue: {
            field,
            code: 'field-type',
            message: `${where(field)} must be a string, received ${describe(value)}`,
          },
        };
      }
      const length = Array.from(value).length;
      const { minLength = 0, maxLength = Number.POSITIVE_INFINITY } = options;
      if (length < minLength || length > maxLength) {
        const range = Number.isFinite(maxLength)
          ? `${minLength} to ${maxLength}`
          : `at least ${minLength}`;
        return {
          ok: false,
          issue: {
            field,
            code: 'field-length',
            message: `${where(field)} must have ${range} characters, received ${length}`,
          },
        };
      }
      if (pattern && !pattern.test(value)) {
        return {
          ok: false,
          issue: {
            field,
            code: 'field-pattern',
            message: `${where(field)} ${options.patternMessage ?? `must match ${options.pattern}`}`,
          },
        };
      }
      return { ok: true, value };
    },
  };
}

/** Options of {@link arraySchema}. */
export interface ArraySchemaOptions {
  minItems?: number;
  maxItems?: number;
  description?: string;
}

/** An array whose items all fit `items`. The count is checked before any item. */
export function arraySchema<T>(items: Schema<T>, options: ArraySchemaOptions = {}): Schema<T[]> {
  const json: JsonSchema = { type: 'array', items: items.json };
  if (options.minItems !== undefined) json.minItems = options.minItems;
  if (options.maxItems !== undefined) json.maxItems = options.maxItems;
  if (options.description !== undefined) json.description = options.description;
  return {
    json,
    check(value, field) {
      if (!Array.isArray(value)) {
        return {
          ok: false,
          issue: {
            field,
            code: 'field-type',
            message: `${where(field)} must be an array, received ${describe(value)}`,
          },
        };
      }
      const { minItems = 0, maxItems = Number.POSITIVE_INFINITY } = options;
      if (value.length < minItems || value.length > maxItems) {
        const range = Number.isFinite(maxItems)
          ? `${minItems} to ${maxItems}`
          : `at least ${minItems}`;
        return {
          ok: false,
          issue: {
            field,
            code: 'field-count',
            message: `${where(field)} must have ${range} items, received ${value.length}`,
          },
        };
      }
      const out: T[] = [];
      for (const [index, item] of value.entries()) {
        const checked = items.check(item, `${field ?? ''}[${index}]`);
        if (!checked.ok) return checked;
        out.push(checked.value);
      }
      return { ok: true, value: out };
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type ShapeValue<S extends Shape> = { [K in keyof S]: S[K] extends Schema<infer T> ? T : never };

/** Options of {@link objectSchema}. */
export interface ObjectSchemaOptions {
  description?: string;
}

/**
 * An object with exactly these properties, all required; any other property is refused, so a
 * misspelt field is an error rather than silently ignored.
 */
export function objectSchema<S extends Shape>(
  shape: S,
  options: ObjectSchemaOptions = {},
): Schema<ShapeValue<S>> {
  const keys = Object.keys(shape);
  const json: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(keys.map((key) => [key, shape[key]!.json])),
    required: keys,
    additionalProperties: false,
  };
  if (options.description !== undefined) json.description = options.description;
  const child = (field: string | null, key: string): string =>
    field === null ? key : `${field}.${key}`;
  return {
    json,
    check(value, field) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return {
          ok: false,
          issue: {
            field,
            code: field === null ? 'body-type' : 'field-type',
            message: `${where(field)} must be a JSON object with ${keys.join(', ')}, received ${describe(value)}`,
          },
        };
      }
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!Object.hasOwn(shape, key)) {
          return {
            ok: false,
            issue: {
              field: child(field, key),
              code: 'field-unknown',
              message: `${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)} is not a known field; send only ${keys.join(', ')}`,
            },
          };
        }
      }
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        if (!Object.hasOwn(record, key) || record[key] === undefined) {
          return {
            ok: false,
            issue: {
              field: child(field, key),
              code: 'field-missing',
              message: `${child(field, key)} is required`,
            },
          };
        }
        const checked = shape[key]!.check(record[key], child(field, key));
        if (!checked.ok) return checked;
        out[key] = checked.value;
      }
      return { ok: true, value: out as ShapeValue<S> };
    },
  };
}
