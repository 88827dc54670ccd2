import { FaultError } from './errors.js';
import { draw } from './random.js';

/**
 * Which requests of a kind a rule fires on, counted from 1 among the requests of that kind the
 * rule matches: a list (`[1, 2]`: the first two) or a test (`(n) => n > 10`).
 */
export type NthSchedule = readonly number[] | ((n: number) => boolean);

/** When a rule fires. At least one of `probability` and `nth` is required. */
export interface RuleTiming {
  /** The chance, 0 to 1, that a matching request gets the fault; drawn from the seed. */
  probability?: number;
  /** Requests that always get the fault, by their count within the kind (see `NthSchedule`). */
  nth?: NthSchedule;
  /** At most this many injections by this rule; then it stays quiet. */
  limit?: number;
}

/** One injected fault, for a replay message and for assertions. */
export interface FaultLogEntry {
  /** The request's number among every request the proxy received, from 1. */
  seq: number;
  /** The request kind (`PutItem`, `PutObject`, `TXT _suns.example.com`). */
  kind: string;
  /** The request's number among the requests of its kind, from 1. */
  kindSeq: number;
  /** The index of the rule that fired. */
  rule: number;
  /** The count the rule's `nth` saw: its matching requests of this kind, from 1. */
  ruleSeq: number;
  /** The fault: an error code (`ThrottlingException`), or `reset`, `timeout@response`, `latency`, ... */
  fault: string;
  /** What the request was about, where the kind does not say (an S3 `bucket/key`, a transport). */
  resource?: string;
  /** `seed 1234: request #57 PutItem (#12 of its kind) got ThrottlingException`. */
  message: string;
}

/** Counts for one request kind. */
export interface FaultKindStats {
  requests: number;
  injected: number;
  /** Injections by fault label. */
  faults: Record<string, number>;
}

/** What a fault proxy has seen and done since it started. */
export interface FaultStats {
  seed: number;
  requests: number;
  injected: number;
  byKind: Record<string, FaultKindStats>;
  /** Injections by fault label, over every kind. */
  byFault: Record<string, number>;
}

/** A rule ready to be evaluated: its matcher, fault and timing. */
export interface CompiledRule<R, F> {
  matches(request: R): boolean;
  fault: F;
  label: string;
  probability: number | undefined;
  nth: ((n: number) => boolean) | undefined;
  limit: number;
}

/** A request as the schedule sees it. */
export interface ObservedRequest {
  kind: string;
  resource?: string;
}

/** The fault chosen for one request, with its log entry. */
export interface Decision<F> {
  fault: F;
  entry: FaultLogEntry;
}

const TIMING_KEYS = ['probability', 'nth', 'limit'] as const;

export { TIMING_KEYS };

/** Checks a rule's timing and turns it into the form the schedule evaluates. */
export function compileTiming(
  rule: RuleTiming,
  where: string,
): Pick<CompiledRule<unknown, unknown>, 'probability' | 'nth' | 'limit'> {
  const invalid = (message: string) => new FaultError('faults.invalid-rule', `${where}${message}`);
  const { probability, nth, limit } = rule;
  if (probability === undefined && nth === undefined) {
    throw invalid(': give `probability` (0 to 1) or `nth` (which requests of a kind), or both');
  }
  if (
    probability !== undefined &&
    (typeof probability !== 'number' || !(probability >= 0 && probability <= 1))
  ) {
    throw invalid(`.probability: ${String(probability)} is not a number from 0 to 1`);
  }
  let test: ((n: number) => boolean) | undefined;
  if (typeof nth === 'function') test = nth;
  else if (nth !== undefined) {
    if (!Array.isArray(nth)) throw invalid('.nth: give an array of counts or a function');
    for (const n of nth) {
      if (!Number.isInteger(n) || n < 1) {
        throw invalid(`.nth: ${String(n)} is not a count (an integer from 1)`);
      }
    }
    const set = new Set(nth);
    test = (n) => set.has(n);
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw invalid(`.limit: ${String(limit)} is not a whole number of injections`);
  }
  return { probability, nth: test, limit: limit ?? Number.POSITIVE_INFINITY };
}

interface LiveRule<R, F> extends CompiledRule<R, F> {
  counts: Map<string, number>;
  injected: number;
}

/**
 * Decides, request by request, which fault (if any) a request gets. Rules are tried in order;
 * every rule that matches counts the request (per kind), so one rule's schedule never depends
 * on another's; the first rule that fires supplies the fault.
 */
export class FaultSchedule<R extends ObservedRequest, F> {
  readonly seed: number;
  readonly log: FaultLogEntry[] = [];
  private rules: LiveRule<R, F>[] = [];
  private requests = 0;
  private readonly kinds = new Map<string, FaultKindStats>();
  private readonly byFault: Record<string, number> = {};
  private readonly noun: string;

  constructor(seed: number, noun = 'request') {
    this.seed = seed;
    this.noun = noun;
  }

  /** Replaces the rules; their counts start again from zero. The log and stats are kept. */
  setRules(rules: readonly CompiledRule<R, F>[]): void {
    this.rules = rules.map((rule) => ({ ...rule, counts: new Map(), injected: 0 }));
  }

  decide(request: R): Decision<F> | undefined {
    const seq = ++this.requests;
    let kind = this.kinds.get(request.kind);
    if (!kind) {
      kind = { requests: 0, injected: 0, faults: {} };
      this.kinds.set(request.kind, kind);
    }
    kind.requests += 1;
    let chosen: { rule: LiveRule<R, F>; index: number; n: number } | undefined;
    this.rules.forEach((rule, index) => {
      if (!rule.matches(request)) return;
      const n = (rule.counts.get(request.kind) ?? 0) + 1;
      rule.counts.set(request.kind, n);
      if (chosen || rule.injected >= rule.limit) return;
      const fires =
        rule.nth?.(n) === true ||
        (rule.probability !== undefined &&
          draw(this.seed, index, request.kind, n) < rule.probability);
      if (fires) chosen = { rule, index, n };
    });
    if (!chosen) return undefined;
    const { rule, index, n } = chosen;
    rule.injected += 1;
    kind.injected += 1;
    kind.faults[rule.label] = (kind.faults[rule.label] ?? 0) + 1;
    this.byFault[rule.label] = (this.byFault[rule.label] ?? 0) + 1;
    const about = request.resource ? ` ${request.resource}` : '';
    const entry: FaultLogEntry = {
      seq,
      kind: request.kind,
      kindSeq: kind.requests,
      rule: index,
      ruleSeq: n,
      fault: rule.label,
      ...(request.resource ? { resource: request.resource } : {}),
      message: `seed ${this.seed}: ${this.noun} #${seq} ${request.kind}${about} (#${kind.requests} of its kind) got ${rule.label}`,
    };
    this.log.push(entry);
    return { fault: rule.fault, entry };
  }

  stats(): FaultStats {
    const byKind: Record<string, FaultKindStats> = {};
    let injected = 0;
    for (const [name, kind] of this.kinds) {
      byKind[name] = {
        requests: kind.requests,
        injected: kind.injected,
        faults: { ...kind.faults },
      };
      injected += kind.injected;
    }
    return {
      seed: this.seed,
      requests: this.requests,
      injected,
      byKind,
      byFault: { ...this.byFault },
    };
  }

  describe(): string {
    if (this.log.length === 0)
      return `seed ${this.seed}: no faults injected in ${this.requests} ${this.noun}s`;
    return this.log.map((entry) => entry.message).join('\n');
  }
}
