import { DynamiteError } from '../errors/dynamite-error.js';
import type { SystemActor } from './actor.js';
import { callRule, invalidDecision, isThenable } from './evaluate.js';
import { named, withSystem } from './rules.js';
import type { Decision, Rule, RuleResult } from './types.js';

function checkRules(kind: string, rules: readonly unknown[]): void {
  if (rules.length === 0) {
    throw new DynamiteError('definition.invalid', `${kind} needs at least one rule`);
  }
  rules.forEach((rule, index) => {
    if (typeof rule !== 'function') {
      throw new DynamiteError(
        'definition.invalid',
        `${kind}: rule ${index} is ${typeof rule}, not a rule function`,
      );
    }
  });
}

/** What a walk remembers between children. */
interface WalkState {
  allowedAll: boolean;
}

/**
 * Walks child rules in order. `step` sees each decision and returns a final decision or
 * `undefined` to go on; `done` is the answer when every child was seen.
 */
function walk<V, S>(
  kind: string,
  rules: readonly Rule<V, S>[],
  system: SystemActor | undefined,
  viewer: V,
  subject: S,
  step: (decision: Decision, state: WalkState) => Decision | undefined,
  done: (state: WalkState) => Decision,
  start = 0,
  state: WalkState = { allowedAll: true },
): RuleResult {
  for (let i = start; i < rules.length; i++) {
    const result = callRule(rules[i]!, system, viewer, subject);
    if (isThenable(result)) {
      return Promise.resolve(result).then((settled) => {
        if (settled !== 'allow' && settled !== 'deny' && settled !== 'skip') {
          invalidDecision(`${kind}[${i}]`, rules[i], settled);
        }
        const final = step(settled, state);
        return final ?? walk(kind, rules, system, viewer, subject, step, done, i + 1, state);
      });
    }
    if (result !== 'allow' && result !== 'deny' && result !== 'skip') {
      invalidDecision(`${kind}[${i}]`, rules[i], result);
    }
    const final = step(result, state);
    if (final !== undefined) return final;
  }
  return done(state);
}

function composite<V, S>(
  kind: string,
  rules: readonly Rule<V, S>[],
  step: (decision: Decision, state: WalkState) => Decision | undefined,
  done: (state: WalkState) => Decision,
): Rule<V, S> {
  checkRules(kind, rules);
  const frozen = Object.freeze([...rules]);
  const fresh = (): WalkState => ({ allowedAll: true });
  return withSystem(
    named(
      (viewer: V, subject: S) =>
        walk(kind, frozen, undefined, viewer, subject, step, done, 0, fresh()),
      `${kind}(${frozen.map((r) => r.name || 'anonymous').join(', ')})`,
    ),
    (system, subject) =>
      walk(kind, frozen, system, undefined as V, subject, step, done, 0, fresh()),
  );
}

/**
 * Groups rules into one: the first child that allows or denies decides, and if every child
 * skips the group skips. For reusing a sequence of rules across tables.
 *
 * @example
 * const staffOnly = firstOf<Viewer, Note>(allowIf((v) => v.role === 'admin'), denyIf((v) => !v.staff));
 */
export function firstOf<V, S>(...rules: NoInfer<Rule<V, S>>[]): Rule<V, S> {
  return composite(
    'firstOf',
    rules,
    (decision) => (decision === 'skip' ? undefined : decision),
    () => 'skip',
  );
}

/**
 * Allows only when every child allows; denies as soon as one denies; skips otherwise (some
 * child skipped and none denied). Every child is asked until one denies.
 *
 * @example
 * write: [allOf(fieldEqualsViewer('ownerId', 'userId'), allowIf((v) => v.verified))]
 */
export function allOf<V, S>(...rules: NoInfer<Rule<V, S>>[]): Rule<V, S> {
  return composite(
    'allOf',
    rules,
    (decision, state) => {
      if (decision === 'deny') return 'deny';
      if (decision === 'skip') state.allowedAll = false;
      return undefined;
    },
    (state) => (state.allowedAll ? 'allow' : 'skip'),
  );
}
