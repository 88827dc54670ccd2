/** Where a component of the local stack writes its lines. */
export interface LocalLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** A line sink; `console` by default, an array in tests. */
export interface LineSink {
  out(line: string): void;
  err(line: string): void;
}

const consoleSink: LineSink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

/**
 * An error as lines for a person: its message (each line of it), then, with `debug`, the
 * stack and every cause's stack. An expected failure (a bad setting, no Java, a taken port)
 * reads as its message alone.
 */
export function failureLines(error: unknown, debug = false): string[] {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n');
  if (!debug) return lines;
  for (let cause: unknown = error, depth = 0; cause !== undefined && depth < 5; depth++) {
    if (!(cause instanceof Error)) {
      lines.push(`cause: ${String(cause)}`);
      break;
    }
    lines.push(...(cause.stack ?? `${cause.name}: ${cause.message}`).split('\n'));
    cause = cause.cause;
    if (cause !== undefined) lines.push('caused by:');
  }
  return lines;
}

/**
 * A logger whose lines start with `[component]`, so the interleaved output of the stack's
 * parts stays readable. The handlers' own JSON lines (Powertools) pass through unprefixed.
 *
 * @example
 * const log = createLogger('site');
 * log.info('http://127.0.0.1:8788/'); // [site]     http://127.0.0.1:8788/
 */
export function createLogger(component: string, sink: LineSink = consoleSink): LocalLogger {
  const prefix = `[${component}]`.padEnd(10);
  return {
    info: (message) => sink.out(`${prefix} ${message}`),
    warn: (message) => sink.err(`${prefix} warning: ${message}`),
    error: (message, error) =>
      sink.err(`${prefix} ${message}${error === undefined ? '' : `: ${describeError(error)}`}`),
  };
}
