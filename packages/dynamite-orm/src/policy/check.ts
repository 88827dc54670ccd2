import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { Rule } from './types.js';

/** The checked form of a table's policies. */
export interface CheckedPolicies {
  readonly read: readonly Rule<unknown, unknown>[];
  readonly write: readonly Rule<unknown, unknown>[];
}

/** How to declare policies, for error messages. */
export const HOW_TO_DECLARE =
  'declare policies: { read: [...rules], write: [...rules] } in defineTable, or policies: allowAll() to let everyone read and write';

/**
 * Checks a table's `policies` setting; `undefined` when the table declares none (then only
 * system jobs may use it).
 */
export function checkPolicies(table: string, policies: unknown): CheckedPolicies | undefined {
  if (policies === undefined) return undefined;
  const HOW = HOW_TO_DECLARE;
  if (typeof policies !== 'object' || policies === null) {
    throw new DynamiteError(
      'definition.invalid',
      `table ${table}: policies must be an object, got ${describeValue(policies)}; ${HOW}`,
    );
  }
  const { read, write, ...rest } = policies as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new DynamiteError(
      'definition.invalid',
      `table ${table}: policies has unknown keys ${unknown.join(', ')}; the keys are read and write`,
    );
  }
  return Object.freeze({
    read: checkRules(table, 'read', read),
    write: checkRules(table, 'write', write),
  });
}

function checkRules(
  table: string,
  kind: string,
  rules: unknown,
): readonly Rule<unknown, unknown>[] {
  if (rules === undefined) {
    const other = kind === 'write' ? 'read' : 'write';
    throw new DynamiteError(
      'definition.invalid',
      kind === 'write'
        ? `table ${table}: policies.write is missing. For a read-only table write \`write: [alwaysDeny()]\` (no one writes), or \`write: [allowSystem('job')]\` to let only named system jobs write`
        : `table ${table}: policies.read is missing; give it rules as for ${other}, e.g. \`read: [alwaysAllow()]\` for a table anyone may read`,
    );
  }
  if (!Array.isArray(rules)) {
    throw new DynamiteError(
      'definition.invalid',
      `table ${table}: policies.${kind} must be an array of rules, got ${describeValue(rules)}`,
    );
  }
  rules.forEach((rule, index) => {
    if (typeof rule !== 'function') {
      throw new DynamiteError(
        'definition.invalid',
        `table ${table}: policies.${kind}[${index}] must be a rule function, got ${describeValue(rule)}`,
      );
    }
  });
  return Object.freeze([...rules]) as readonly Rule<unknown, unknown>[];
}
