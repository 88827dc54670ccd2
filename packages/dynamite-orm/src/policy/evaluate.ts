import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { Actor, SystemActor } from './actor.js';
import { forSystem, type Rule, type RuleResult } from './types.js';

/**
 * The outcome of a policy for one subject, as a number so that checking 100,000 items
 * allocates nothing: {@link ALLOWED}, the index of the rule that denied, or the number of rules
 * when every rule skipped.
 */
export type Verdict = number;

/** The verdict of an allowed subject. */
export const ALLOWED: Verdict = -1;

/** Where a rule sits, for error messages: `read[2]`, `write[0]`, `firstOf[1]`. */
export type RuleLabel = (index: number) => string;

/** True for a promise or any other thenable a rule returned. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** A rule's name for messages: its function name, or `anonymous`. */
export function ruleName(rule: unknown): string {
  const name = typeof rule === 'function' ? rule.name : '';
  return name === '' ? 'anonymous' : name;
}

/** Throws the error for a rule that returned something other than a decision (a bug). */
export function invalidDecision(where: string, rule: unknown, result: unknown): never {
  throw new DynamiteError(
    'definition.invalid',
    `${where} (${ruleName(rule)}) returned ${describeValue(result)}; a rule returns 'allow', 'deny' or 'skip'`,
  );
}

/** Calls a rule for an actor: system jobs only reach rules that declare a system decision. */
export function callRule<V, S>(
  rule: Rule<V, S>,
  system: SystemActor | undefined,
  viewer: V,
  subject: S,
): RuleResult {
  if (system === undefined) return rule(viewer, subject);
  const decide = rule[forSystem];
  return decide === undefined ? 'skip' : decide(system, subject);
}

/**
 * Evaluates ordered rules: the first `allow` or `deny` decides; when all skip the result is the
 * number of rules (deny). Synchronous while the rules are, so the common case costs no promise.
 */
export function evaluateRules<V, S>(
  rules: readonly Rule<V, S>[],
  actor: Actor<V>,
  subject: S,
  label: RuleLabel,
  start = 0,
): Verdict | Promise<Verdict> {
  const system = actor.kind === 'system' ? actor : undefined;
  const viewer = actor.kind === 'viewer' ? actor.viewer : (undefined as V);
  for (let i = start; i < rules.length; i++) {
    const result = callRule(rules[i]!, system, viewer, subject);
    if (result === 'skip') continue;
    if (result === 'allow') return ALLOWED;
    if (result === 'deny') return i;
    if (isThenable(result)) return settle(result, rules, actor, subject, label, i);
    invalidDecision(label(i), rules[i], result);
  }
  return rules.length;
}

async function settle<V, S>(
  pending: PromiseLike<unknown>,
  rules: readonly Rule<V, S>[],
  actor: Actor<V>,
  subject: S,
  label: RuleLabel,
  index: number,
): Promise<Verdict> {
  const result = await pending;
  if (result === 'allow') return ALLOWED;
  if (result === 'deny') return index;
  if (result !== 'skip') invalidDecision(label(index), rules[index], result);
  return evaluateRules(rules, actor, subject, label, index + 1);
}

/** Why a verdict denies, in words: which rule denied, or that every rule skipped. */
export function describeVerdict(
  verdict: Verdict,
  rules: readonly unknown[],
  label: RuleLabel,
): string {
  if (verdict === ALLOWED) return 'allowed';
  if (verdict < rules.length) return `denied by ${label(verdict)} (${ruleName(rules[verdict])})`;
  return rules.length === 0
    ? 'the policy has no rules, so nothing is allowed'
    : `no rule allowed it (all ${rules.length} skipped)`;
}
