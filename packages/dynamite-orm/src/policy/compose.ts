import { DynamiteError } from '../errors/dynamite-error.js';
import { allOf as andAll, anyOf } from '../expressions/compile-condition.js';
import type { Condition } from '../expressions/condition.js';
import type { Actor, SystemActor } from './actor.js';
import { callRule, invalidDecision, isConditional, isThenable, Waterfall } from './evaluate.js';
import { named, offerOf, withSystem } from './rules.js';
import type { ConditionalDecision, Decision, ReadOffer, Rule, RuleResult } from './types.js';

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

type Answer = Decision | ConditionalDecision;

/** How a composite folds its children's answers: `undefined` means go on to the next child. */
interface Fold {
  take(answer: Answer): Answer | undefined;
  end(): Answer;
}

/** Walks child rules in order, folding their answers; synchronous while the children are. */
function walk<V, S>(
  kind: string,
  rules: readonly Rule<V, S>[],
  system: SystemActor | undefined,
  viewer: V,
  subject: S,
  fold: Fold,
  start = 0,
): RuleResult {
  for (let i = start; i < rules.length; i++) {
    const result = callRule(rules[i]!, system, viewer, subject);
    if (isThenable(result)) {
      return Promise.resolve(result).then((settled) => {
        const answer = checked(kind, rules, i, settled);
        return fold.take(answer) ?? walk(kind, rules, system, viewer, subject, fold, i + 1);
      });
    }
    const final = fold.take(checked(kind, rules, i, result));
    if (final !== undefined) return final;
  }
  return fold.end();
}

function checked(kind: string, rules: readonly unknown[], i: number, result: unknown): Answer {
  if (result === 'allow' || result === 'deny' || result === 'skip' || isConditional(result)) {
    return result;
  }
  return invalidDecision(`${kind}[${i}]`, rules[i], result);
}

/**
 * allOf's fold: a deny decides; a skip means the group cannot allow; conditional children
 * allow only together (ANDed). A child that denies where its condition fails makes the whole
 * group deny there (stricter than it might be, never looser).
 */
class AllFold implements Fold {
  #allowedAll = true;
  #denyOnFail = false;
  readonly #held: Condition[] = [];

  take(answer: Answer): Answer | undefined {
    if (answer === 'deny') return 'deny';
    if (answer === 'skip') this.#allowedAll = false;
    else if (answer !== 'allow') {
      this.#held.push(answer.allowIf);
      if (answer.otherwise === 'deny') this.#denyOnFail = true;
    }
    return undefined;
  }

  end(): Answer {
    if (!this.#allowedAll) {
      // Some child skipped: the group cannot allow; where a denying child's condition fails it
      // denies. Without the item that cannot be told apart here, so it denies (stricter).
      return this.#denyOnFail ? 'deny' : 'skip';
    }
    if (this.#held.length === 0) return 'allow';
    return { allowIf: andAll(...this.#held)!, otherwise: this.#denyOnFail ? 'deny' : 'skip' };
  }
}

function composite<V, S>(
  kind: 'firstOf' | 'allOf',
  rules: readonly Rule<V, S>[],
  fold: () => Fold,
  offer: (offers: ReadOffer[]) => ReadOffer,
): Rule<V, S> {
  checkRules(kind, rules);
  const frozen = Object.freeze([...rules]);
  return withSystem(
    named(
      (viewer: V, subject: S) => walk(kind, frozen, undefined, viewer, subject, fold()),
      `${kind}(${frozen.map((r) => r.name || 'anonymous').join(', ')})`,
    ),
    (system, subject) => walk(kind, frozen, system, undefined as V, subject, fold()),
    (actor: Actor<V>) => offer(frozen.map((child) => offerOf(child, actor))),
  );
}

/** Offers ORed: an item any child can allow. */
function anyOffer(offers: ReadOffer[]): ReadOffer {
  if (offers.includes('all')) return 'all';
  const conditions = offers.filter((o): o is Condition => o !== 'none');
  return anyOf(conditions) ?? 'none';
}

/** Offers ANDed: an item every child can allow. */
function everyOffer(offers: ReadOffer[]): ReadOffer {
  if (offers.includes('none')) return 'none';
  const conditions = offers.filter((o): o is Condition => o !== 'all');
  return andAll(...conditions) ?? 'all';
}

/**
 * Groups rules into one: the first child that allows or denies decides, and if every child
 * skips the group skips. For reusing a sequence of rules across tables.
 *
 * @example
 * const staffOnly = firstOf<Viewer, Note>(allowIf((v) => v.role === 'admin'), denyIf((v) => !v.staff));
 */
export function firstOf<V, S>(...rules: NoInfer<Rule<V, S>>[]): Rule<V, S> {
  return composite('firstOf', rules, () => new Waterfall(), anyOffer);
}

/**
 * Allows only when every child allows; denies as soon as one denies; skips otherwise (some
 * child skipped and none denied). Every child is asked until one denies.
 *
 * @example
 * write: [allOf<Viewer, Note>(fieldEqualsViewer('ownerId', 'userId'), allowIf((v) => v.verified))]
 */
export function allOf<V, S>(...rules: NoInfer<Rule<V, S>>[]): Rule<V, S> {
  return composite('allOf', rules, () => new AllFold(), everyOffer);
}
