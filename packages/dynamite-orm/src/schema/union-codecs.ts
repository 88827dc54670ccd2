// The codecs of unions: `attr.anyOf(...)`, whose members are told apart by their stored
// DynamoDB type, and `attr.discriminated(tag, variants)`, maps told apart by a tag field.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type AnyAttribute, Attribute } from './attribute.js';
import {
  type Codec,
  type Compilers,
  type Decoder,
  type Encoder,
  fail,
  isPlainObject,
  type ObjectCoder,
  storedType,
} from './codec-kit.js';
import { atSegment, SchemaIssue } from './issue.js';
import { toNative } from './native.js';

/** What a member takes, in words, for the error when no member takes a value. */
export function describeAttribute(attribute: AnyAttribute): string {
  switch (attribute.kind) {
    case 'string':
      return 'a string';
    case 'number':
      return attribute.isInteger ? 'a safe integer' : 'a finite number';
    case 'float':
      return 'a finite number';
    case 'bigint':
      return 'a bigint';
    case 'boolean':
      return 'a boolean';
    case 'date':
      return 'a Date';
    case 'literal':
      return `one of ${(attribute.literals ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'stringSet':
      return 'a Set of strings';
    case 'numberSet':
      return 'a Set of numbers';
    case 'list':
      return 'an array';
    case 'binary':
      return 'a Uint8Array';
    case 'discriminated':
      return `an object whose ${attribute.tag} is one of ${tagList(attribute)}`;
    case 'map':
    case 'record':
      return 'an object';
    case 'anyOf':
      return orList((attribute.members ?? []).map(describeAttribute));
    case 'any':
      return 'a value DynamoDB can store';
  }
}

/** `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function tagList(attribute: AnyAttribute): string {
  return Object.keys(attribute.variants ?? {})
    .map((v) => JSON.stringify(v))
    .join(', ');
}

/** A cheap test of the JavaScript type, so a write tries only members that could take it. */
function jsTypeTest(attribute: AnyAttribute): (value: unknown) => boolean {
  switch (attribute.kind) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
    case 'float':
      return (v) => typeof v === 'number';
    case 'literal':
      return attribute.dynamoType === 'S'
        ? (v) => typeof v === 'string'
        : (v) => typeof v === 'number';
    case 'bigint':
      return (v) => typeof v === 'bigint';
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'date':
      return (v) => v instanceof Date;
    case 'stringSet':
    case 'numberSet':
      return (v) => v instanceof Set;
    case 'list':
      return Array.isArray;
    case 'binary':
      return (v) => v instanceof Uint8Array;
    default:
      return isPlainObject;
  }
}

/**
 * The issue to report when no member took a value: the member that got deepest into the value
 * (its issue has a path) matched best; otherwise the one candidate's own reason, or the list of
 * what each member takes.
 */
function unionIssue(value: unknown, issues: SchemaIssue[], expected: string): SchemaIssue {
  let best: SchemaIssue | undefined;
  for (const issue of issues) {
    if (issue.path.length > 0 && (!best || issue.path.length > best.path.length)) best = issue;
  }
  if (best) return best;
  if (issues.length === 1) return issues[0]!;
  return new SchemaIssue(expected, value);
}

export function anyOfCodec(attribute: AnyAttribute, compile: Compilers): Codec {
  const members = attribute.members!;
  const count = members.length;
  const encoders: Encoder[] = [];
  const tests: ((value: unknown) => boolean)[] = [];
  const byStored: Record<string, Decoder> = Object.create(null);
  for (const member of members) {
    const [encode, decode] = compile.attribute(member);
    encoders.push(encode);
    tests.push(jsTypeTest(member));
    byStored[member.dynamoType] = decode;
  }
  const expected = orList(members.map(describeAttribute));
  const storedTypes = members.map((m) => m.dynamoType).join(', ');
  return [
    (v) => {
      let issues: SchemaIssue[] | undefined;
      for (let i = 0; i < count; i++) {
        if (!tests[i]!(v)) continue;
        let av: AttributeValue | undefined;
        try {
          av = encoders[i]!(v);
        } catch (error) {
          if (!(error instanceof SchemaIssue)) throw error;
          if (issues) issues.push(error);
          else issues = [error];
          continue;
        }
        // An empty set would leave the attribute absent, which a read cannot tell from "unset".
        return av ?? fail('a non-empty set (a union member cannot be absent)', v);
      }
      throw unionIssue(v, issues ?? [], expected);
    },
    (av, lenient) => {
      const type = storedType(av);
      const decode = type === undefined ? undefined : byStored[type];
      if (decode) return decode(av, lenient);
      return lenient ? toNative(av) : fail(`one of the stored types ${storedTypes}`, av);
    },
  ];
}

function tagAttribute(value: string): AnyAttribute {
  return new Attribute({
    kind: 'literal',
    dynamoType: 'S',
    optional: false,
    nullable: false,
    default: undefined,
    savedAs: undefined,
    meta: {},
    literals: [value],
  });
}

export function discriminatedCodec(attribute: AnyAttribute, compile: Compilers): Codec {
  const tag = attribute.tag!;
  const variants = attribute.variants!;
  // Each variant is compiled with its tag as a one-value literal field, so the object codec
  // checks, encodes and decodes the tag like any other field.
  const objects: Record<string, ObjectCoder> = Object.create(null);
  for (const name of Object.keys(variants)) {
    objects[name] = compile.object({ [tag]: tagAttribute(name), ...variants[name] });
  }
  const tags = `one of ${tagList(attribute)}`;
  return [
    (v) => {
      if (!isPlainObject(v)) return fail(`an object with a ${tag}`, v);
      const value = v[tag];
      const object = typeof value === 'string' ? objects[value] : undefined;
      if (!object) throw atSegment(new SchemaIssue(tags, value), tag);
      return { M: object.encode(v) };
    },
    (av, lenient) => {
      const m = av.M;
      if (m === undefined) return lenient ? toNative(av) : fail('M (a map)', av);
      const stored = m[tag];
      const object = stored?.S === undefined ? undefined : objects[stored.S];
      if (object) return object.decode(m, lenient);
      if (lenient) return toNative(av);
      throw atSegment(
        new SchemaIssue(`S holding ${tags}`, stored?.S ?? (stored && toNative(stored))),
        tag,
      );
    },
  ];
}
