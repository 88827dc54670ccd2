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
