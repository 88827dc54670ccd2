import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { Actor, SystemActor } from './actor.js';
import { isThenable } from './evaluate.js';
import {
  forSystem,
  type ReadOffer,
  type Rule,
  type RuleResult,
  readOffer,
  type TablePolicies,
} from './types.js';

/** Gives a rule a name for denial reasons (`denied by write[1] (denyIf(archived))`). */
export function named<F extends (...args: never[]) => unknown>(fn: F, name: string): F {
  Object.defineProperty(fn, 'name', { value: name, configurable: true });
  return fn;
}

/** Attaches what a rule can allow on reads (see `ReadOffer`) and freezes it. */
export function withOffer<V, S>(
  rule: (viewer: V, subject: S) => RuleResult,
  offer: (actor: Actor<V>) => ReadOffer,
): Rule<V, S> {
  if (!Object.isFrozen(rule)) Object.defineProperty(rule, readOffer, { value: offer });
  return Object.freeze(rule) as Rule<V, S>;
}

/** Attaches the decision a rule makes for system jobs (and, optionally, its read offer). */
export function withSystem<V, S>(
  rule: (viewer: V, subject: S) => RuleResult,
  decide: (system: SystemActor, subject: S) => RuleResult,
  offer?: (actor: Actor<V>) => ReadOffer,
): Rule<V, S> {
  Object.defineProperty(rule, forSystem, { value: decide });
  if (offer) Object.defineProperty(rule, readOffer, { value: offer });
  return Object.freeze(rule) as Rule<V, S>;
}

/**
 * What a rule can allow for an actor on reads. A rule that does not say: anything for viewers
 * (it may allow any item), and for system jobs anything if it decides for them, else nothing.
 */
export function offerOf<V, S>(rule: Rule<V, S>, actor: Actor<V>): ReadOffer {
  const offer = rule[readOffer];
  if (offer) return offer(actor);
  if (actor.kind === 'system') return rule[forSystem] ? 'all' : 'none';
  return 'all';
}

const ALWAYS_ALLOW: Rule<unknown, unknown> = withSystem(
  named(() => 'allow', 'alwaysAllow'),
  () => 'allow',
  () => 'all',
);
const ALWAYS_DENY: Rule<unknown, unknown> = withSystem(
  named(() => 'deny', 'alwaysDeny'),
  () => 'deny',
  () => 'none',
);

/** True for the rule {@link alwaysAllow} returns (lets the gate skip checking items). */
export function isAlwaysAllow(rule: unknown): boolean {
  return rule === ALWAYS_ALLOW;
}

/**
 * Allows everyone, system jobs included. Put it last to make a policy default-allow.
 *
 * @example
 * const policies = { read: [denyIf((v, note: Note) => note.hidden), alwaysAllow()], write: [alwaysAllow()] };
 */
export function alwaysAllow(): Rule<unknown, unknown> {
  return ALWAYS_ALLOW;
}

/** Denies everyone, system jobs included (e.g. a write policy of a read-only table). */
export function alwaysDeny(): Rule<unknown, unknown> {
  return ALWAYS_DENY;
}

/**
 * Lets named system jobs through (`db.asSystem(name)`); with no names, every system job.
 * Skips for viewers. System jobs reach only rules like this one, so a policy without it
 * denies them.
 *
 * @example
 * read: [allowSystem('nightly-export'), fieldEqualsViewer('ownerId', 'userId')]
 */
export function allowSystem(...names: string[]): Rule<unknown, unknown> {
  for (const name of names) {
    if (typeof name !== 'string' || name === '') {
      throw new DynamiteError(
        'definition.invalid',
        `allowSystem takes job names, got ${describeValue(name)}`,
      );
    }
  }
  const allowed = new Set(names);
  const admits = (name: string) => allowed.size === 0 || allowed.has(name);
  return withSystem(
    named(() => 'skip', names.length ? `allowSystem(${names.join(', ')})` : 'allowSystem'),
    (system) => (admits(system.name) ? 'allow' : 'skip'),
    (actor) => (actor.kind === 'system' && admits(actor.name) ? 'all' : 'none'),
  );
}

/**
 * A rule that decides for system jobs only (viewers skip it), e.g. to let an erasure job
 * delete but not write.
 *
 * @example
 * write: [systemRule<WriteOp>((job, op) => (job.name === 'erasure' && op.type === 'delete' ? 'allow' : 'skip'))]
 */
export function systemRule<S>(
  decide: (system: SystemActor, subject: S) => RuleResult,
): Rule<unknown, S> {
  return withSystem(
    named(() => 'skip', `systemRule(${decide.name || 'anonymous'})`),
    decide,
    (actor) => (actor.kind === 'system' ? 'all' : 'none'),
  );
}

type Predicate<V, S> = (viewer: V, subject: S) => boolean | PromiseLike<boolean>;

function predicateRule<V, S>(
  kind: 'allowIf' | 'denyIf',
  predicate: Predicate<V, S>,
  name: string | undefined,
): Rule<V, S> {
  if (typeof predicate !== 'function') {
    throw new DynamiteError(
      'definition.invalid',
      `${kind} takes a predicate function, got ${describeValue(predicate)}`,
    );
  }
  const hit = kind === 'allowIf' ? 'allow' : 'deny';
  const label = `${kind}(${name ?? (predicate.name || 'anonymous')})`;
  const decide = (result: unknown): 'allow' | 'deny' | 'skip' => {
    if (result === true) return hit;
    if (result === false) return 'skip';
    throw new DynamiteError(
      'definition.invalid',
      `the predicate of ${label} returned ${describeValue(result)}; it must return a boolean`,
    );
  };
  return withOffer(
    named((viewer: V, subject: S): RuleResult => {
      const result = predicate(viewer, subject);
      return isThenable(result) ? Promise.resolve(result).then(decide) : decide(result);
    }, label),
    // A predicate can allow anything a viewer reads; a deny never allows; neither sees jobs.
    (actor) => (kind === 'allowIf' && actor.kind === 'viewer' ? 'all' : 'none'),
  );
}

/**
 * Allows when the predicate holds, skips otherwise. The predicate may be async. Viewers only:
 * system jobs skip it.
 *
 * @example
 * read: [allowIf<Viewer, Note>((viewer, note) => note.shared.has(viewer.userId))]
 */
export function allowIf<V, S>(predicate: Predicate<V, S>, name?: string): Rule<V, S> {
  return predicateRule('allowIf', predicate, name);
}

/**
 * Denies when the predicate holds, skips otherwise. `name` appears in denial reasons.
 *
 * @example
 * write: [denyIf<Viewer, Note>((viewer) => viewer.suspended, 'suspended viewers cannot write')]
 */
export function denyIf<V, S>(predicate: Predicate<V, S>, name?: string): Rule<V, S> {
  return predicateRule('denyIf', predicate, name);
}

/**
 * Policies that let every viewer and every system job read and write: the explicit way to say
 * a table needs no access rules (configuration, public data).
 *
 * @example
 * defineTable({ name: 'settings', item: defineItem({ key: attr.string() }), partitionKey: 'key', policies: allowAll() });
 */
export function allowAll(): TablePolicies<unknown, unknown, unknown, unknown> {
  return Object.freeze({
    read: Object.freeze([ALWAYS_ALLOW]),
    write: Object.freeze([ALWAYS_ALLOW]),
  });
}
