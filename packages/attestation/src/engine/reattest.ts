import { AttestationError } from '../errors.js';
import { attest, checkResolverOptions } from './attest.js';
import type { StoredGroup } from './decide.js';
import { reattestStoredGroup, type StoredGroupVerdict } from './reattest-stored.js';
import type { AttestInput, AttestOptions, AttestResult } from './types.js';

/** The result of one group in {@link reattestGroups}. */
export interface ReattestOutcome<G extends AttestInput = AttestInput> {
  group: G;
  result: AttestResult;
}

/** Progress after each group. */
export interface ReattestProgress<G extends AttestInput = AttestInput> extends ReattestOutcome<G> {
  /** Groups finished so far, this one included. */
  done: number;
  total: number;
}

/** Options of {@link reattestGroups}. */
export interface ReattestOptions<G extends AttestInput = AttestInput> extends AttestOptions {
  /** Groups attested at once. Default 8. Lookups are bounded by the resolver as well. */
  concurrency?: number;
  /** Called after each group, in completion order. */
  onProgress?: (progress: ReattestProgress<G>) => void;
}

/** Progress after each stored group: its verdict and the running count. */
export type StoredGroupProgress<G extends StoredGroup = StoredGroup> = StoredGroupVerdict<G> & {
  /** Groups finished so far, this one included. */
  done: number;
  total: number;
};

/** Options of {@link reattestStoredGroups}. */
export interface ReattestStoredOptions<G extends StoredGroup = StoredGroup> extends AttestOptions {
  /** How long an invalid group is kept, in milliseconds, from its oldest ValidateTime. */
  graceMs: number;
  /** Groups attested at once. Default 8. Lookups are bounded by the resolver as well. */
  concurrency?: number;
  /** Called after each group, in completion order: a caller can write while others run. */
  onProgress?: (progress: StoredGroupProgress<G>) => void;
}

function checkBatch(groups: unknown, options: unknown, extra: readonly string[]): number {
  checkResolverOptions(options, ['concurrency', 'onProgress', ...extra]);
  if (!Array.isArray(groups)) {
    throw new AttestationError(
      'options.invalid',
      `groups must be an array, received ${typeof groups}`,
    );
  }
  const { concurrency = 8, onProgress } = options as Record<string, unknown>;
  if (
    typeof concurrency !== 'number' ||
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    concurrency > 1024
  ) {
    throw new AttestationError(
      'options.invalid',
      `concurrency must be an integer from 1 to 1024, received ${String(concurrency)}`,
    );
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new AttestationError('options.invalid', 'onProgress must be a function');
  }
  return concurrency;
}

// A pull loop rather than a queue: `concurrency` workers each take the next group, so a batch
// of any size costs no memory per waiting group (see the README for the measurement).
async function mapBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  onDone: ((result: R, done: number) => void) | undefined,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const result = await work(items[index]!);
      results[index] = result;
      done++;
      onDone?.(result, done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * Attests many groups with bounded concurrency. Returns one outcome per group, in input order;
 * groups may carry extra fields (such as a `Rev`), which come back untouched in `group`. To
 * re-attest stored groups and decide what to do with them, use {@link reattestStoredGroups}.
 *
 * @throws AttestationError `options.invalid` for bad options (before any lookup).
 * @example
 * const outcomes = await reattestGroups(groups, {
 *   resolver: createDnsClaimResolver({ concurrency: 64 }),
 *   concurrency: 64,
 *   onProgress: ({ done, total }) => console.log(`${done}/${total}`),
 * });
 */
export async function reattestGroups<G extends AttestInput>(
  groups: readonly G[],
  options: ReattestOptions<G>,
): Promise<ReattestOutcome<G>[]> {
  const concurrency = checkBatch(groups, options, []);
  const attestOptions: AttestOptions = { resolver: options.resolver };
  if (options.now !== undefined) attestOptions.now = options.now;
  const { onProgress } = options;
  return mapBounded(
    groups,
    concurrency,
    async (group) => ({ group, result: await attest(group, attestOptions) }),
    onProgress && ((outcome, done) => onProgress({ ...outcome, done, total: groups.length })),
  );
}

/**
 * Re-attests stored groups for the daily batch and the CLI, `concurrency` at a time, and
 * decides for each what to do with its records ({@link reattestStoredGroup}: refresh, delete
 * past the grace period, keep). Returns one verdict per group, in input order; extra fields
 * of a group come back untouched. Writing is the caller's (`@symval/records`).
 *
 * @throws AttestationError `options.invalid` for bad options (before any lookup).
 * @example
 * const verdicts = await reattestStoredGroups(groupStoredRecords(records), {
 *   resolver: createDnsClaimResolver({ concurrency: 64 }),
 *   concurrency: 32,
 *   graceMs: 72 * 3_600_000,
 * });
 * verdicts[0].action.kind; // 'refresh' | 'delete' | 'keep'
 */
export async function reattestStoredGroups<G extends StoredGroup>(
  groups: readonly G[],
  options: ReattestStoredOptions<G>,
): Promise<StoredGroupVerdict<G>[]> {
  const concurrency = checkBatch(groups, options, ['graceMs']);
  const { graceMs, onProgress } = options;
  if (typeof graceMs !== 'number' || !Number.isFinite(graceMs) || graceMs < 0) {
    throw new AttestationError(
      'options.invalid',
      `graceMs must be a number of milliseconds >= 0, received ${String(graceMs)}`,
    );
  }
  const judge = { resolver: options.resolver, graceMs, now: options.now };
  return mapBounded(
    groups,
    concurrency,
    (group) => reattestStoredGroup(group, judge),
    onProgress && ((verdict, done) => onProgress({ ...verdict, done, total: groups.length })),
  );
}
