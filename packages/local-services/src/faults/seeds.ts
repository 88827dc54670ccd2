// Which seeds a fault test runs, so that `pnpm test` tries a few and a soak (`pnpm test:faults`)
// many, and a failure seen once can be replayed alone.
import { FaultError } from './errors.js';

/**
 * The seeds to run: `SYMVAL_FAULT_SEEDS` as a count (`200`: seeds 1 to 200) or a list
 * (`17,4242`: exactly those, to replay a failure), else `defaults`.
 */
export function faultSeeds(defaults: readonly number[]): number[] {
  const raw = process.env.SYMVAL_FAULT_SEEDS?.trim();
  if (!raw) return [...defaults];
  if (/^\d+$/.test(raw)) return Array.from({ length: Number(raw) }, (_, index) => index + 1);
  if (/^\d+(,\d+)*$/.test(raw)) return raw.split(',').map(Number);
  throw new FaultError(
    'faults.bad-seeds',
    `SYMVAL_FAULT_SEEDS is ${JSON.stringify(raw)}: give a count (200) or a list of seeds (17,4242)`,
  );
}

/** One seed's outcome, for {@link reportFaultRun}. */
export interface FaultRunReport {
  /** What ran, e.g. `erasure killed at step 5`. */
  scenario: string;
  seed: number;
  /** Injections by fault label (a proxy's `stats.byFault`, several proxies added up). */
  injected: Record<string, number>;
  /** What the faults caused that the scenario saw: errors by name, retries, resumes. */
  caused: Record<string, number>;
}

/**
 * Prints one line per seed when `SYMVAL_FAULT_REPORT` is set (the soak sets it), so a long run
 * shows which faults were injected and what they led to; silent otherwise.
 */
export function reportFaultRun(report: FaultRunReport): void {
  if (!process.env.SYMVAL_FAULT_REPORT) return;
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, count]) => `${name}=${count}`)
      .join(' ') || 'none';
  process.stdout.write(
    `faults: ${report.scenario} seed ${report.seed}: injected ${list(report.injected)}; caused ${list(report.caused)}\n`,
  );
}

/**
 * Injections of several proxies as one count for {@link reportFaultRun}, each fault label
 * after its proxy's name: `{ dns: { servfail: 2 }, s3: { SlowDown: 1 } }` gives
 * `{ 'dns servfail': 2, 's3 SlowDown': 1 }`.
 */
export function faultCountsBySource(
  bySource: Record<string, Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [source, counts] of Object.entries(bySource)) {
    for (const [fault, count] of Object.entries(counts)) out[`${source} ${fault}`] = count;
  }
  return out;
}
