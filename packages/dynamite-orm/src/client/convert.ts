import { buildCondition, type Condition } from '../expressions/condition.js';
import type { QueryRequest, ScanRequest } from '../requests/read.js';
import type { PlanUpdateOptions, PutMode } from '../requests/write.js';

type ConditionCallback = ((c: never) => Condition) | undefined;

/** Turns a typed condition callback into condition data. */
export function toCondition(input: ConditionCallback): Condition | undefined {
  return input ? buildCondition(input as never) : undefined;
}

/** Typed write options (any table) as the planners take them. */
export function toWriteOptions(options: unknown): PlanUpdateOptions & { mode?: PutMode } {
  const o = (options ?? {}) as {
    if?: ConditionCallback;
    upsert?: boolean;
    expectedVersion?: number | 'any';
    mode?: PutMode;
  };
  const condition = toCondition(o.if);
  return {
    ...(condition ? { if: condition } : {}),
    ...(o.upsert ? { upsert: true } : {}),
    ...(o.expectedVersion !== undefined ? { expectedVersion: o.expectedVersion } : {}),
    ...(o.mode !== undefined ? { mode: o.mode } : {}),
  };
}

/** The untyped query request behind a typed query input. */
export function toQueryRequest(input: unknown): QueryRequest {
  const i = (input ?? {}) as Record<string, unknown>;
  const filter = toCondition(i.filter as ConditionCallback);
  return {
    key: i.key,
    ...(i.index !== undefined ? { index: i.index as string } : {}),
    ...(filter ? { filter } : {}),
    ...(i.descending ? { descending: true } : {}),
    ...(i.limit !== undefined ? { limit: i.limit as number } : {}),
    ...(i.cursor !== undefined ? { cursor: i.cursor as string } : {}),
    ...(i.consistentRead ? { consistentRead: true } : {}),
    ...(i.attributes !== undefined ? { attributes: i.attributes as readonly string[] } : {}),
  };
}

/** The untyped scan request behind a typed scan input. */
export function toScanRequest(input: unknown): ScanRequest {
  const i = (input ?? {}) as Record<string, unknown>;
  const filter = toCondition(i.filter as ConditionCallback);
  return {
    ...(i.index !== undefined ? { index: i.index as string } : {}),
    ...(filter ? { filter } : {}),
    ...(i.limit !== undefined ? { limit: i.limit as number } : {}),
    ...(i.cursor !== undefined ? { cursor: i.cursor as string } : {}),
    ...(i.consistentRead ? { consistentRead: true } : {}),
    ...(i.segment !== undefined ? { segment: i.segment as { index: number; total: number } } : {}),
    ...(i.attributes !== undefined ? { attributes: i.attributes as readonly string[] } : {}),
  };
}
