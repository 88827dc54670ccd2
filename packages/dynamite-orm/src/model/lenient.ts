// Lenient reads, typed as what they are: an item whose stored values do not all match the
// schema is not an item of the declared type, so it does not come back typed as one.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ObjectCodec } from '../schema/codec.js';
import { formatPath, SchemaIssue } from '../schema/issue.js';

/** One attribute a lenient read did not find as declared. */
export interface ReadIssue {
  /** The attribute path, e.g. `profile.tags[2]`. */
  readonly path: string;
  /** What the schema declares. */
  readonly expected: string;
  /** What is stored (its plain value; `undefined` when a required attribute is missing). */
  readonly received: unknown;
}

/** The key under which an unchecked item lists its issues (not enumerable, not copied). */
export const readIssues: unique symbol = Symbol.for('@symval/dynamite-orm/readIssues');

/**
 * An item a lenient read could not read as declared: any field may hold anything (a failed
 * field holds the stored value as a plain JavaScript value, a missing one is absent), and
 * `item[readIssues]` lists what did not match.
 */
export type UncheckedItem<T> = { readonly [K in keyof T]?: unknown } & {
  readonly [readIssues]: readonly [ReadIssue, ...ReadIssue[]];
};

/**
 * What a lenient read returns for one item: the item as declared when it matched the schema,
 * or an {@link UncheckedItem}. Tell them apart with {@link isChecked}.
 *
 * @example
 * const note = await db.as(viewer).get(key, { validation: 'lenient' });
 * if (note && isChecked(note)) console.log(note.title.toUpperCase());
 * else if (note) console.log(issuesOf(note)); // [{ path: 'title', expected: 'S (a string)', received: 42 }]
 */
export type LenientItem<T> = T | UncheckedItem<T>;

/** True for an item that matched its schema (every lenient read that found nothing amiss). */
export function isChecked<T>(item: LenientItem<T>): item is T {
  return !(readIssues in (item as object));
}

/** What did not match in an item a lenient read returned (empty for a checked item). */
export function issuesOf(item: object): readonly ReadIssue[] {
  return (item as { [readIssues]?: readonly ReadIssue[] })[readIssues] ?? [];
}

function issueOf(error: unknown, field: string): ReadIssue | undefined {
  if (!(error instanceof SchemaIssue)) return undefined;
  return {
    path: formatPath([field, ...error.path]),
    expected: error.expected,
    received: error.received,
  };
}

/** Each field's issue, the first one inside it for a nested value. */
function collectIssues(
  codec: ObjectCodec,
  raw: Record<string, AttributeValue>,
  partial: boolean,
): ReadIssue[] {
  const issues: ReadIssue[] = [];
  for (const field of codec.fields) {
    const av = raw[field.savedAs];
    if (av === undefined) {
      const required = !field.optional && !field.hasDefault && !field.isSet;
      if (required && !partial) {
        issues.push({
          path: field.name,
          expected: 'the attribute to be present',
          received: undefined,
        });
      }
      continue;
    }
    try {
      field.decode(av, false);
    } catch (error) {
      const issue = issueOf(error, field.name);
      if (!issue) throw error;
      issues.push(issue);
    }
  }
  return issues;
}

/**
 * Decodes a stored item leniently: strictly when it matches (a checked item), else with the
 * values that do not match kept as plain values and the issues attached.
 */
export function decodeLenient(
  codec: ObjectCodec,
  stored: Record<string, AttributeValue>,
  partial = false,
): Record<string, unknown> {
  const raw = codec.complete ? codec.complete(stored, partial) : stored;
  let first: SchemaIssue;
  try {
    return codec.decode(raw, false, partial);
  } catch (error) {
    if (!(error instanceof SchemaIssue)) throw error;
    first = error;
  }
  const item = codec.decode(raw, true, partial);
  const issues = collectIssues(codec, raw, partial);
  if (issues.length === 0) {
    issues.push({
      path: formatPath(first.path),
      expected: first.expected,
      received: first.received,
    });
  }
  Object.defineProperty(item, readIssues, { value: Object.freeze(issues), enumerable: false });
  return item;
}
