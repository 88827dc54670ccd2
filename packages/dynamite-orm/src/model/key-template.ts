// Templated keys of single-table entities: `USER#{userId}`, `ORDER#{orderDate}#{orderId}`.
// A template is `#`-separated segments, each a constant or one `{field}`; a field's text is its
// stored scalar (S or N) with `%` and `#` escaped, so a composed key parses back to its fields.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { AnyAttribute, Fields } from '../schema/attribute.js';
import { compileAttribute, type Decoder, type Encoder } from '../schema/codec.js';
import { atSegment, SchemaIssue, toDynamiteError } from '../schema/issue.js';

/** The field names a key template reads, e.g. `'userId'` from `'USER#{userId}'`. */
export type TemplateFields<T> = T extends `${string}{${infer N}}${infer R}`
  ? N | TemplateFields<R>
  : never;

/** The separator between the segments of a templated key. */
export const KEY_SEPARATOR = '#';

/** One segment of a template: a constant, or one field's value. */
export type KeySegment =
  | { readonly kind: 'constant'; readonly text: string }
  | {
      readonly kind: 'field';
      readonly field: string;
      readonly type: 'S' | 'N';
      readonly attribute: AnyAttribute;
      readonly encode: Encoder;
      /** The type checks without `.validate()`: a query's partial value is a question. */
      readonly encodeOperand: Encoder;
      readonly decode: Decoder;
    };

/** A compiled key template. Immutable; shared by every call. */
export interface KeyTemplate {
  readonly template: string;
  readonly segments: readonly KeySegment[];
  /** The fields it reads, in template order. */
  readonly fields: readonly string[];
}

const CONSTANT = /^[^{}%#]*$/;
const FIELD = /^\{([A-Za-z_$][\w$-]*)\}$/;

function definitionError(message: string): never {
  throw new DynamiteError('definition.invalid', message);
}

/**
 * Compiles a template against an item's fields. Each `#`-separated segment is a constant
 * (no `{`, `}`, `%`) or exactly one `{field}` of a required S or N scalar field (a string,
 * literal, number, integer, bigint or date).
 */
export function compileKeyTemplate(template: string, fields: Fields, where: string): KeyTemplate {
  if (typeof template !== 'string' || template.length === 0) {
    definitionError(`${where}: a key template is a non-empty string such as 'USER#{userId}'`);
  }
  const segments: KeySegment[] = [];
  const used: string[] = [];
  for (const part of template.split(KEY_SEPARATOR)) {
    const match = FIELD.exec(part);
    if (!match) {
      if (!CONSTANT.test(part)) {
        definitionError(
          `${where}: segment ${JSON.stringify(part)} of ${JSON.stringify(template)} must be a constant or one {field} (write 'A#{x}#B', not 'A{x}B')`,
        );
      }
      segments.push({ kind: 'constant', text: part });
      continue;
    }
    const name = match[1]!;
    const attribute = fields[name];
    if (!attribute) {
      definitionError(
        `${where}: ${JSON.stringify(template)} reads ${name}, which is not a field; fields are ${Object.keys(fields).join(', ')}`,
      );
    }
    if (used.includes(name))
      definitionError(`${where}: ${JSON.stringify(template)} reads ${name} twice`);
    const type = attribute.dynamoType;
    const scalar = ['string', 'number', 'float', 'bigint', 'date', 'literal'].includes(
      attribute.kind,
    );
    if (!scalar || (type !== 'S' && type !== 'N')) {
      definitionError(
        `${where}: ${name} is ${attribute.kind} (stored ${type}); a key template takes strings, literals, numbers, bigints and dates`,
      );
    }
    if (attribute.isNullable)
      definitionError(`${where}: ${name} is nullable; a key field cannot be null`);
    // Keys are built from the item as given, before dynamite fills in derived values, and an
    // update could change one without its key following.
    if (attribute.derivation) {
      definitionError(
        attribute.derivation.kind === 'computed'
          ? `${where}: ${JSON.stringify(template)} reads ${name}, which dynamite computes on write; build the key from the fields ${name} is computed from`
          : `${where}: ${JSON.stringify(template)} reads ${name}, a timestamp dynamite sets on write; give the time as an ordinary attr.date() field the writer sets`,
      );
    }
    const [encode, decode] = compileAttribute(attribute);
    const [encodeOperand] = compileAttribute(attribute, { checks: false });
    segments.push({ kind: 'field', field: name, type, attribute, encode, encodeOperand, decode });
    used.push(name);
  }
  return Object.freeze({
    template,
    segments: Object.freeze(segments),
    fields: Object.freeze(used),
  });
}

/** Escapes a field's text so the separator inside it cannot end its segment. */
export function escapeKeyText(text: string): string {
  // Most key text (ids, ISO dates) has neither character: skip the two regex passes.
  if (text.indexOf('%') < 0 && text.indexOf('#') < 0) return text;
  return text.replace(/%/g, '%25').replace(/#/g, '%23');
}

/** The inverse of {@link escapeKeyText}. */
export function unescapeKeyText(text: string): string {
  return text.replace(/%2[35]/g, (m) => (m === '%23' ? '#' : '%'));
}

function scalarText(av: AttributeValue | undefined, segment: KeySegment & { kind: 'field' }) {
  const text = segment.type === 'S' ? av?.S : av?.N;
  if (text === undefined) throw new SchemaIssue(`a ${segment.type} key value`, av);
  return escapeKeyText(text);
}

function fieldText(segment: KeySegment & { kind: 'field' }, value: unknown, operand: boolean) {
  if (value === undefined || value === null) {
    throw atSegment(
      new SchemaIssue(`a value (the key template needs ${segment.field})`, value),
      segment.field,
    );
  }
  try {
    return scalarText((operand ? segment.encodeOperand : segment.encode)(value), segment);
  } catch (error) {
    throw atSegment(error, segment.field);
  }
}

/**
 * Builds the key text from an item's fields. Throws a SchemaIssue (at the field) when one is
 * missing or invalid.
 */
export function composeKey(template: KeyTemplate, item: Readonly<Record<string, unknown>>): string {
  let out = '';
  for (let i = 0; i < template.segments.length; i++) {
    const segment = template.segments[i]!;
    if (i > 0) out += KEY_SEPARATOR;
    out +=
      segment.kind === 'constant' ? segment.text : fieldText(segment, item[segment.field], false);
  }
  return out;
}

/** Whether every field a template reads is present (not `undefined`) in the item. */
export function hasKeyFields(template: KeyTemplate, item: Readonly<Record<string, unknown>>) {
  return template.fields.every((name) => item[name] !== undefined);
}

/**
 * The text of the leading segments up to (not including) the first field absent from
 * `given`, and the field at which it stopped. Used for sort key prefixes: with `ORDER#{date}#{id}`
 * and only `date` given, `ORDER#2024-01-01#` (separator included, so `2024-01-011` is not
 * matched).
 */
export function composePrefix(
  template: KeyTemplate,
  given: Readonly<Record<string, unknown>>,
): { text: string; stoppedAt: (KeySegment & { kind: 'field' }) | undefined; complete: boolean } {
  let text = '';
  for (let i = 0; i < template.segments.length; i++) {
    const segment = template.segments[i]!;
    if (segment.kind === 'field' && given[segment.field] === undefined) {
      return { text, stoppedAt: segment, complete: false };
    }
    text +=
      segment.kind === 'constant' ? segment.text : fieldText(segment, given[segment.field], true);
    if (i < template.segments.length - 1) text += KEY_SEPARATOR;
  }
  return { text, stoppedAt: undefined, complete: true };
}

/** Encodes one field's value as it appears inside a key (a query's operand). */
export function fieldKeyText(segment: KeySegment & { kind: 'field' }, value: unknown): string {
  return fieldText(segment, value, true);
}

/**
 * Reads a composed key back into its fields. Throws a SchemaIssue when the text does not have
 * the template's shape (another entity's key, or one written by hand).
 */
export function parseKey(template: KeyTemplate, text: string): Record<string, unknown> {
  const parts = text.split(KEY_SEPARATOR);
  if (parts.length !== template.segments.length) {
    throw new SchemaIssue(`a key of the form ${template.template}`, text);
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = template.segments[i]!;
    const part = parts[i]!;
    if (segment.kind === 'constant') {
      if (part !== segment.text)
        throw new SchemaIssue(`a key of the form ${template.template}`, text);
      continue;
    }
    const raw = unescapeKeyText(part);
    try {
      out[segment.field] = segment.decode(segment.type === 'S' ? { S: raw } : { N: raw }, false);
    } catch (error) {
      throw atSegment(error, segment.field);
    }
  }
  return out;
}

/** The constant text a template starts with, up to its first field (for `begins_with`). */
export function constantPrefix(template: KeyTemplate): string {
  return composePrefix(template, {}).text;
}

/**
 * Builds a key's text from an item's fields, as entities do on every write; a missing or
 * invalid field is `schema.invalid` at that field.
 */
export function buildKey(template: KeyTemplate, item: Readonly<Record<string, unknown>>): string {
  try {
    return composeKey(template, item);
  } catch (error) {
    return toDynamiteError(error, `invalid fields for key ${template.template}`);
  }
}

/**
 * Reads a key's text back into its fields; text of another shape is `schema.invalid` naming
 * the template.
 */
export function readKey(template: KeyTemplate, text: string): Record<string, unknown> {
  try {
    return parseKey(template, text);
  } catch (error) {
    return toDynamiteError(error, `key text does not match ${template.template}`);
  }
}
