/** Where progress goes: `process.stderr` fits. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** `bar`: one line redrawn in place. `lines`: a plain line now and then. `silent`: nothing. */
export type ProgressMode = 'bar' | 'lines' | 'silent';

/** Options of {@link createProgressReporter}. */
export interface ProgressOptions {
  stream: ProgressStream;
  /** How many items the work has. */
  total: number;
  /** What is being done, e.g. `reattest`. */
  label: string;
  /** Default: `bar` when the stream is a terminal, `lines` otherwise. */
  mode?: ProgressMode;
  /** Least milliseconds between two redraws of the bar. Default 100. */
  redrawMs?: number;
  /** Milliseconds between two plain lines. Default 5000. */
  lineIntervalMs?: number;
  /** The clock, in milliseconds. Default `performance.now`. */
  now?: () => number;
}

/** Reports how far some work has got. */
export interface ProgressReporter {
  /** Sets how many items are done (clamped to 0..total). */
  update(done: number): void;
  /** Adds `by` (default 1) to the items done. */
  increment(by?: number): void;
  /** Prints a message without breaking the bar (silent mode drops it). */
  log(message: string): void;
  /** Shows the final state and ends the line; later calls do nothing. */
  finish(): void;
  readonly done: number;
  readonly mode: ProgressMode;
}

const CLEAR_LINE = '\r\u001b[K';

/** `9s`, `2m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done / total) * 100);
}

/**
 * A progress reporter for long work (re-attesting thousands of groups): on a terminal a bar
 * redrawn in place at most every `redrawMs`; elsewhere (a log file, CI) a plain line every
 * `lineIntervalMs` and one at the end, so logs stay readable; `silent` for `--json`.
 *
 * @example
 * const progress = createProgressReporter({ stream: process.stderr, total: groups.length, label: 'reattest' });
 * for (const group of groups) {
 *   await reattest(group);
 *   progress.increment();
 * }
 * progress.finish();
 */
export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const { stream, label } = options;
  const total = Math.max(0, Math.floor(options.total));
  const mode: ProgressMode = options.mode ?? (stream.isTTY === true ? 'bar' : 'lines');
  const now = options.now ?? (() => performance.now());
  const redrawMs = options.redrawMs ?? 100;
  const lineIntervalMs = options.lineIntervalMs ?? 5000;
  const startedAt = now();
  let done = 0;
  let finished = false;
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let lastLineAt = startedAt;

  const eta = (at: number): string | undefined => {
    if (done === 0 || done >= total) return undefined;
    return formatDuration(((at - startedAt) / done) * (total - done));
  };

  const barLine = (at: number): string => {
    const counts = `${done}/${total} ${String(percent(done, total)).padStart(3)}%`;
    const remaining = eta(at);
    const tail = `${counts}${remaining ? ` eta ${remaining}` : ''}`;
    const width = stream.columns ?? 80;
    // The bar takes what the label and counts leave, within sensible bounds.
    const barWidth = Math.max(10, Math.min(40, width - label.length - tail.length - 5));
    const filled = total === 0 ? barWidth : Math.floor((done / total) * barWidth);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${tail}`;
  };

  const plainLine = (at: number): string => {
    const remaining = eta(at);
    return `${label}: ${done}/${total} (${percent(done, total)}%)${remaining ? `, eta ${remaining}` : ''}`;
  };

  const draw = (force: boolean): void => {
    const at = now();
    if (mode === 'bar') {
      if (!force && at - lastDrawAt < redrawMs) return;
      lastDrawAt = at;
      stream.write(`${CLEAR_LINE}${barLine(at)}`);
    } else if (mode === 'lines') {
      // The end gets its own line from finish(), with the elapsed time.
      if (done >= total || at - lastLineAt < lineIntervalMs) return;
      lastLineAt = at;
      stream.write(`${plainLine(at)}\n`);
    }
  };

  const update = (value: number): void => {
    if (finished) return;
    done = Math.min(total, Math.max(0, Math.floor(value)));
    draw(done === total);
  };

  if (mode === 'bar') draw(true);

  return {
    get done() {
      return done;
    },
    mode,
    update,
    increment(by = 1) {
      update(done + by);
    },
    log(message: string) {
      if (mode === 'silent') return;
      if (mode === 'bar' && !finished) {
        stream.write(`${CLEAR_LINE}${message}\n`);
        draw(true);
      } else {
        stream.write(`${message}\n`);
      }
    },
    finish() {
      if (finished) return;
      finished = true;
      if (mode === 'silent') return;
      const at = now();
      const elapsed = formatDuration(at - startedAt);
      if (mode === 'bar') {
        stream.write(`${CLEAR_LINE}${barLine(at)} in ${elapsed}\n`);
      } else if (done >= total) {
        stream.write(`${label}: ${done}/${total} (100%) in ${elapsed}\n`);
      } else {
        stream.write(
          `${label}: stopped at ${done}/${total} (${percent(done, total)}%) after ${elapsed}\n`,
        );
      }
    },
  };
}
