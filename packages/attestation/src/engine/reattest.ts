import { AttestationError } from '../errors.js';
import { attest, checkResolverOptions } from './attest.js';
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

/**
 * Re-attests many groups with bounded concurrency, for the daily batch and the CLI. Returns
 * one outcome per group, in input order; groups may carry extra fields (such as a `Rev`),
 * which come back untouched in `group`.
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
  checkResolverOptions(options, ['concurrency', 'onProgress']);
  if (!Array.isArray(groups)) {
    throw new AttestationError(
      'options.invalid',
      `groups must be an array, received ${typeof groups}`,
    );
  }
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) {
    throw new AttestationError(
      'options.invalid',
      `concurrency must be an integer from 1 to 1024, received ${String(concurrency)}`,
    );
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new AttestationError('options.invalid', 'onProgress must be a function');
  }
  const attestOptions: AttestOptions = { resolver: options.resolver };
  if (options.now !== undefined) attestOptions.now = options.now;
  // A pool of workers, each taking the next group: at most `concurrency` groups in flight.
  const outcomes = new Array<ReattestOutcome<G>>(groups.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < groups.length) {
      const index = next++;
      const group = groups[index]!;
      const result = await attest(group, attestOptions);
      outcomes[index] = { group, result };
      done++;
      options.onProgress?.({ group, result, done, total: groups.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
  return outcomes;
}
