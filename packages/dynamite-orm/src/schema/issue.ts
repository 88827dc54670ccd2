import { DynamiteError, describeValue } from '../errors/dynamite-error.js';

/**
 * A schema mismatch found deep inside a value. Containers prepend their segment while it
 * bubbles up, so paths cost nothing unless something is wrong. Not an Error: no stack is
 * captured until it becomes a DynamiteError at the boundary.
 */
export class SchemaIssue {
  readonly path: (string | number)[] = [];
  constructor(
    readonly expected: string,
    readonly received: unknown,
    /** What a `.validate()` check threw, when it threw. */
    readonly cause?: unknown,
  ) {}
}

/** Prepends a path segment to a SchemaIssue; passes anything else through. */
export function atSegment(error: unknown, segment: string | number): unknown {
  if (error instanceof SchemaIssue) error.path.unshift(segment);
  return error;
}

const PLAIN_SEGMENT = /^[A-Za-z_$][\w$-]*$/;

/**
 * `profile.tags[2]` from `['profile', 'tags', 2]`. Record keys that are not plain names are
 * quoted (`labels["a.b"]`) so a path never reads as another one.
 */
export function formatPath(path: readonly (string | number)[], start = ''): string {
  let out = start;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (!PLAIN_SEGMENT.test(segment)) out += `[${JSON.stringify(segment)}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** Turns a SchemaIssue into the public error; rethrows anything else unchanged. */
export function toDynamiteError(
  error: unknown,
  context: string,
  prefix: readonly string[] = [],
): never {
  if (error instanceof SchemaIssue) {
    // The prefix is already written as paths (e.g. `address.city` from an update action).
    const path = formatPath(error.path, prefix.join('.'));
    throw new DynamiteError(
      'schema.invalid',
      `${context}: ${path || '(item)'} expected ${error.expected}, received ${describeValue(error.received)}`,
      {
        path,
        expected: error.expected,
        received: error.received,
        ...(error.cause === undefined ? {} : { cause: error.cause }),
      },
    );
  }
  throw error;
}
