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
  ) {}
}

/** Prepends a path segment to a SchemaIssue; passes anything else through. */
export function atSegment(error: unknown, segment: string | number): unknown {
  if (error instanceof SchemaIssue) error.path.unshift(segment);
  return error;
}

/** `profile.tags[2]` from `['profile', 'tags', 2]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
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
    const path = formatPath([...prefix, ...error.path]);
    throw new DynamiteError(
      'schema.invalid',
      `${context}: ${path || '(item)'} expected ${error.expected}, received ${describeValue(error.received)}`,
      { path, expected: error.expected, received: error.received },
    );
  }
  throw error;
}
