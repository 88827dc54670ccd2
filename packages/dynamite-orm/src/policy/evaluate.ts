import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { anyOf } from '../expressions/compile-condition.js';
import type { Condition } from '../expressions/condition.js';
import type { Actor, SystemActor } from './actor.js';
import {
  type ConditionalDecision,
  type Decision,
  forSystem,
  type Rule,
  type RuleResult,
} from './types.js';

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

/** True for a rule's answer that depends on the stored item. */
export function isConditional(value: unknown): value is ConditionalDecision {
  if (typeof value !== 'object' || value === null) return false;
  const { allowIf, otherwise } = value as Partial<ConditionalDecision>;
  return (
    typeof allowIf === 'object' &&
    allowIf !== null &&
    (otherwise === 'skip' || otherwise === 'deny')
  );
}

/** Settles a conditional answer for one subject (a read: the decoded item is at hand). */
export type SettleConditional<S> = (decision: ConditionalDecision, subject: S) => Decision;

/** Throws the error for a rule that returned something other than a decision (a bug). */
export function invalidDecision(where: string, rule: unknown, result: unknown): never {
  throw new DynamiteError(
    'definition.invalid',
    `${where} (${ruleName(rule)}) returned ${describeValue(result)}; a rule returns 'allow', 'deny', 'skip' or a conditional decision`,
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
  settleConditional?: SettleConditional<S>,
  start = 0,
): Verdict | Promise<Verdict> {
  const system = actor.kind === 'system' ? actor : undefined;
  const viewer = actor.kind === 'viewer' ? actor.viewer : (undefined as V);
  for (let i = start; i < rules.length; i++) {
    let result = callRule(rules[i]!, system, viewer, subject);
    if (result === 'skip') continue;
    if (result === 'allow') return ALLOWED;
    if (result === 'deny') return i;
    if (isThenable(result))
      return settle(result, rules, actor, subject, label, settleConditional, i);
    if (isConditional(result) && settleConditional) result = settleConditional(result, subject);
    if (result === 'skip') continue;
    if (result === 'allow') return ALLOWED;
    if (result === 'deny') return i;
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
  settleConditional: SettleConditional<S> | undefined,
  index: number,
): Promise<Verdict> {
  let result = await pending;
  if (isConditional(result) && settleConditional) result = settleConditional(result, subject);
  if (result === 'allow') return ALLOWED;
  if (result === 'deny') return index;
  if (result !== 'skip') invalidDecision(label(index), rules[index], result);
  return evaluateRules(rules, actor, subject, label, settleConditional, index + 1);
}

/**
 * The outcome of a write policy. Without `condition`, `verdict` decides. With it, the write is
 * allowed only where DynamoDB finds `condition` true for the stored item when it makes the
 * write; where it does not, `verdict` says why it is refused.
 */
export interface WriteVerdict {
  readonly verdict: Verdict;
  readonly condition?: Condition;
}

/**
 * Collects the answers of rules in order, as a waterfall: conditional answers are ORed until
 * an answer decides. What allows where one of them holds and falls through otherwise.
 */
export class Waterfall {
  readonly #held: Condition[] = [];

  /** Takes the next answer; returns the combined answer once it is decided. */
  take(result: Decision | ConditionalDecision): 'allow' | 'deny' | ConditionalDecision | undefined {
    if (result === 'skip') return undefined;
    if (result === 'allow') return 'allow';
    if (result === 'deny') return this.#held.length ? this.#conditional('deny') : 'deny';
    this.#held.push(result.allowIf);
    return result.otherwise === 'deny' ? this.#conditional('deny') : undefined;
  }

  /** The answer when every rule was taken without one deciding. */
  end(): 'skip' | ConditionalDecision {
    return this.#held.length ? this.#conditional('skip') : 'skip';
  }

  #conditional(otherwise: 'skip' | 'deny'): ConditionalDecision {
    return { allowIf: anyOf(this.#held)!, otherwise };
  }
}

/**
 * Evaluates a write policy. Rules answer in order as for reads; a conditional answer leaves
 * the outcome to DynamoDB: the verdict allows where the ORed conditions hold, and is the
 * first deny (or the end of the rules) where they do not.
 */
export async function evaluateWriteRules<V, S>(
  rules: readonly Rule<V, S>[],
  actor: Actor<V>,
  subject: S,
  label: RuleLabel,
): Promise<WriteVerdict> {
  const system = actor.kind === 'system' ? actor : undefined;
  const viewer = actor.kind === 'viewer' ? actor.viewer : (undefined as V);
  const waterfall = new Waterfall();
  for (let i = 0; i < rules.length; i++) {
    let result: unknown = callRule(rules[i]!, system, viewer, subject);
    if (isThenable(result)) result = await result;
    if (result !== 'allow' && result !== 'deny' && result !== 'skip' && !isConditional(result)) {
      invalidDecision(label(i), rules[i], result);
    }
    const decided = waterfall.take(result as Decision | ConditionalDecision);
    if (decided === undefined) continue;
    if (decided === 'allow') return { verdict: ALLOWED };
    if (decided === 'deny') return { verdict: i };
    return { verdict: i, condition: decided.allowIf };
  }
  const end = waterfall.end();
  return typeof end === 'string'
    ? { verdict: rules.length }
    : { verdict: rules.length, condition: end.allowIf };
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
