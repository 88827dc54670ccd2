import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamiteError } from '../errors/dynamite-error.js';
import { systemActor, viewerActor } from './actor.js';
import { ALLOWED, describeVerdict, evaluateRules } from './evaluate.js';
import { withSystem } from './rules.js';
import { type Decision, forSystem, type Rule } from './types.js';

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
      /read rule 0 \(returnsTrue\) returned true; a rule returns 'allow', 'deny' or 'skip'/,
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
