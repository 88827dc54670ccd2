import { createHash } from 'node:crypto';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import {
  type ErasurePlan,
  type ErasureStep,
  LEGACY_PLAN_FORMAT,
  PLAN_FORMAT,
} from './plan-types.js';

// Plans hold key and field values of any attribute type; JSON alone would turn a Date into a
// string and lose bigint, Set and Uint8Array. Tagged one-key objects keep them.
const TAGS = ['$date', '$bigint', '$bytes', '$set', '$object'] as const;

function isTagLike(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (TAGS as readonly string[]).includes(keys[0]!);
}

/** A JSON-safe copy of a value, with sorted object keys so equal values give equal text. */
export function toTagged(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new DynamiteError('request.invalid', `cannot store ${value} in a plan`);
    return value;
  }
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (value instanceof Set) return { $set: [...value].map(toTagged) };
  if (Array.isArray(value)) return value.map(toTagged);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort()) {
      if (record[key] !== undefined) out[key] = toTagged(record[key]);
    }
    return isTagLike(out) ? { $object: out } : out;
  }
  throw new DynamiteError('request.invalid', `cannot store ${describeValue(value)} in a plan`);
}

/** The value a {@link toTagged} copy stands for. */
export function fromTagged(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(fromTagged);
  const record = value as Record<string, unknown>;
  if (isTagLike(record)) {
    const [tag] = Object.keys(record) as [(typeof TAGS)[number]];
    const inner = record[tag];
    switch (tag) {
      case '$date':
        return new Date(inner as string);
      case '$bigint':
        return BigInt(inner as string);
      case '$bytes':
        return new Uint8Array(Buffer.from(inner as string, 'base64'));
      case '$set':
        return new Set((inner as unknown[]).map(fromTagged));
      case '$object':
        return Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).map(([k, v]) => [k, fromTagged(v)]),
        );
    }
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fromTagged(v)]));
}

/** What a plan's id is a hash of. */
export interface PlanIdentity {
  readonly format: ErasurePlan['format'];
  readonly subjectId: string;
  readonly requestId?: string | undefined;
  readonly createdAt?: Date | undefined;
  readonly steps: readonly ErasureStep[];
}

/**
 * The id of a plan: a hash of its request (id and time), subject and steps; for a legacy plan,
 * of its subject and steps alone.
 */
export function planId(plan: PlanIdentity): string {
  const content =
    plan.format === LEGACY_PLAN_FORMAT
      ? { format: LEGACY_PLAN_FORMAT, subjectId: plan.subjectId, steps: plan.steps }
      : {
          format: plan.format,
          requestId: plan.requestId,
          createdAt: plan.createdAt,
          subjectId: plan.subjectId,
          steps: plan.steps,
        };
  const text = JSON.stringify(toTagged(content));
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * A plan as JSON text (the form checkpoints store, and a form to review or archive).
 *
 * @example
 * const text = serializePlan(plan);
 * const same = deserializePlan(text); // same.id === plan.id
 */
export function serializePlan(plan: ErasurePlan): string {
  return JSON.stringify(toTagged(plan));
}

/** Reads a plan written by {@link serializePlan}; refuses text whose steps do not match its id. */
export function deserializePlan(text: string): ErasurePlan {
  let plan: ErasurePlan;
  try {
    plan = fromTagged(JSON.parse(text)) as ErasurePlan;
  } catch (error) {
    throw new DynamiteError('request.invalid', 'erasure plan text is not JSON', { cause: error });
  }
  checkPlan(plan);
  return plan;
}

/** Throws `request.invalid` unless the value is a plan whose id matches its content. */
export function checkPlan(plan: ErasurePlan): void {
  const format = (plan as { format?: unknown } | null)?.format;
  if (typeof plan !== 'object' || (format !== PLAN_FORMAT && format !== LEGACY_PLAN_FORMAT)) {
    throw new DynamiteError(
      'request.invalid',
      `expected an erasure plan (format ${PLAN_FORMAT}), got ${describeValue(plan)}`,
    );
  }
  if (!Array.isArray(plan.steps) || planId(plan) !== plan.id) {
    throw new DynamiteError(
      'request.invalid',
      `erasure plan ${describeValue(plan.id)} does not match its steps (was it edited?)`,
    );
  }
}
