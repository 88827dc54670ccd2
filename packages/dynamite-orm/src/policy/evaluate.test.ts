import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { Condition } from '../expressions/condition.js';
import { systemActor, viewerActor } from './actor.js';
import { allOf, firstOf } from './compose.js';
import { ALLOWED, describeVerdict, evaluateRules, evaluateWriteRules } from './evaluate.js';
import { withSystem } from './rules.js';
import { type ConditionalDecision, type Decision, forSystem, type Rule } from './types.js';

const label = (i: number) => `read rule ${i}`;
const decisions = fc.constantFrom<Decision>('allow', 'deny', 'skip');

/** A rule spec: what it answers, whether it answers late, and whether system jobs reach it. */
const ruleSpec = fc.record({ decision: decisions, async: fc.boolean(), system: fc.boolean() });
type Spec = { decision: Decision; async: boolean; system: boolean };

/** Builds rules that record which of them were called. */
function build(specs: Spec[], calls: number[]): Rule<string, number>[] {
  return specs.map((spec, index) => {
    const answer = () => {
      calls.push(index);
      return spec.async ? Promise.resolve(spec.decision) : spec.decision;
    };
    return spec.system ? withSystem(answer, answer) : answer;
  });
}

/** The expected verdict: the first allow or deny among the rules the actor reaches. */
function expected(specs: Spec[], system: boolean): { verdict: number; asked: number[] } {
  const asked: number[] = [];
  for (let i = 0; i < specs.length; i++) {
    if (system && !specs[i]!.system) continue;
    asked.push(i);
    if (specs[i]!.decision === 'allow') return { verdict: ALLOWED, asked };
    if (specs[i]!.decision === 'deny') return { verdict: i, asked };
  }
  return { verdict: specs.length, asked };
}

describe('policy evaluation', () => {
  it('answers with the first allow or deny, deny when every rule skips, and asks no further', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ruleSpec, { maxLength: 12 }),
        fc.boolean(),
        async (specs, system) => {
          const calls: number[] = [];
          const actor = system ? systemActor('job') : viewerActor('viewer');
          const verdict = await evaluateRules(build(specs, calls), actor, 42, label);
          const want = expected(specs, system);
          expect(verdict).toBe(want.verdict);
          expect(calls).toEqual(want.asked);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stays synchronous while every rule is, so reading many items costs no promise', () => {
    const rules: Rule<string, number>[] = [() => 'skip', (_v, n) => (n > 0 ? 'allow' : 'skip')];
    expect(evaluateRules(rules, viewerActor('v'), 1, label)).toBe(ALLOWED);
    expect(evaluateRules(rules, viewerActor('v'), 0, label)).toBe(2);
    const late: Rule<string, number>[] = [async () => 'skip' as const, () => 'deny'];
    const pending = evaluateRules(late, viewerActor('v'), 1, label);
    expect(pending).toBeInstanceOf(Promise);
    return expect(pending).resolves.toBe(1);
  });

  it('passes the viewer and the subject to viewer rules, the system job to system rules', async () => {
    const seen: unknown[] = [];
    const rule = withSystem<{ id: string }, string>(
      (viewer, subject) => {
        seen.push(['viewer', viewer, subject]);
        return 'skip';
      },
      (system, subject) => {
        seen.push(['system', system.name, subject]);
        return 'skip';
      },
    );
    await evaluateRules([rule], viewerActor({ id: 'v1' }), 'item', label);
    await evaluateRules([rule], systemActor('export'), 'item', label);
    expect(seen).toEqual([
      ['viewer', { id: 'v1' }, 'item'],
      ['system', 'export', 'item'],
    ]);
    expect(typeof rule[forSystem]).toBe('function');
  });

  it('treats a rule that answers anything but a decision as a bug, sync or async', async () => {
    const returnsTrue = (() => true) as unknown as Rule<string, number>;
    expect(() => evaluateRules([returnsTrue], viewerActor('v'), 1, label)).toThrow(
      /read rule 0 \(returnsTrue\) returned true; a rule returns 'allow', 'deny', 'skip' or a conditional decision/,
    );
    const forgot = (async () => undefined) as unknown as Rule<string, number>;
    const error = await Promise.resolve(evaluateRules([forgot], viewerActor('v'), 1, label)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DynamiteError);
    expect((error as DynamiteError).code).toBe('definition.invalid');
  });

  it('lets an error thrown by a rule through unchanged', () => {
    const boom = new Error('directory unavailable');
    const rules: Rule<string, number>[] = [
      () => {
        throw boom;
      },
    ];
    expect(() => evaluateRules(rules, viewerActor('v'), 1, label)).toThrow(boom);
  });

  it('describes verdicts in words', () => {
    function ownerOnly() {
      return 'skip' as const;
    }
    const rules = [ownerOnly, () => 'deny' as const];
    expect(describeVerdict(0, rules, label)).toBe('denied by read rule 0 (ownerOnly)');
    expect(describeVerdict(1, rules, label)).toBe('denied by read rule 1 (anonymous)');
    expect(describeVerdict(2, rules, label)).toBe('no rule allowed it (all 2 skipped)');
    expect(describeVerdict(ALLOWED, rules, label)).toBe('allowed');
  });
});

/** An answer of a write rule: a decision, or one that depends on stored fact `fact`. */
type Answer = Decision | { fact: number; otherwise: 'skip' | 'deny' };
const answers = fc.oneof(
  decisions,
  fc.record({ fact: fc.nat(3), otherwise: fc.constantFrom<'skip' | 'deny'>('skip', 'deny') }),
);

/** The conditional decision whose condition is "stored fact `n` holds". */
function conditional(answer: Answer): Decision | ConditionalDecision {
  if (typeof answer === 'string') return answer;
  return {
    allowIf: { type: 'exists', path: `f${answer.fact}`, exists: true },
    otherwise: answer.otherwise,
  };
}

/** How DynamoDB settles a condition made of stored facts. */
function holds(condition: Condition, facts: readonly boolean[]): boolean {
  if (condition.type === 'or') return condition.conditions.some((c) => holds(c, facts));
  if (condition.type === 'and') return condition.conditions.every((c) => holds(c, facts));
  if (condition.type === 'exists') return facts[Number(condition.path.slice(1))] === true;
  throw new Error(`unexpected ${condition.type}`);
}

/** The outcome once DynamoDB has judged the write against the stored facts. */
async function settled(rules: Rule<string, number>[], facts: boolean[]): Promise<boolean> {
  const { verdict, condition } = await evaluateWriteRules(rules, viewerActor('v'), 1, label);
  return verdict === ALLOWED || (condition !== undefined && holds(condition, facts));
}

/** The same waterfall evaluated with the facts known up front. */
function known(answers: readonly Answer[], facts: readonly boolean[]): Decision {
  for (const answer of answers) {
    const decision =
      typeof answer === 'string' ? answer : facts[answer.fact] ? 'allow' : answer.otherwise;
    if (decision !== 'skip') return decision;
  }
  return 'skip';
}

describe('write policy evaluation with conditions on the stored item', () => {
  it('allows exactly where the rules, judged on the stored item, would allow', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(answers, { maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        async (list, facts) => {
          const rules = list.map((answer) => () => conditional(answer)) as Rule<string, number>[];
          expect(await settled(rules, facts)).toBe(known(list, facts) === 'allow');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('lets firstOf group conditional rules as the waterfall would', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(answers, { minLength: 1, maxLength: 5 }),
        fc.array(answers, { maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        async (grouped, rest, facts) => {
          const rule = (answer: Answer) => () => conditional(answer);
          const rules = [firstOf(...grouped.map(rule)), ...rest.map(rule)] as Rule<
            string,
            number
          >[];
          expect(await settled(rules, facts)).toBe(known([...grouped, ...rest], facts) === 'allow');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lets allOf allow only where every child allows, and never more than that', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(answers, { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        async (children, facts) => {
          const rules = [allOf(...children.map((a) => () => conditional(a)))] as Rule<
            string,
            number
          >[];
          const each = children.map((a) => known([a], facts));
          const exact = each.includes('deny')
            ? 'deny'
            : each.every((d) => d === 'allow')
              ? 'allow'
              : 'skip';
          expect(await settled(rules, facts)).toBe(exact === 'allow');
        },
      ),
      { numRuns: 300 },
    );
  });
});
