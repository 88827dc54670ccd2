import { Logger } from '@aws-lambda-powertools/logger';

/** Extra fields of one log line. */
export type LogAttributes = Record<string, unknown>;

/** Where the batch writes its log lines; the Powertools logger fits, tests pass a recorder. */
export interface BatchLogger {
  info(message: string, attributes?: LogAttributes): void;
  warn(message: string, attributes?: LogAttributes): void;
  error(message: string, attributes?: LogAttributes): void;
}

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL']);

/** The Powertools logger: JSON lines with `service` (`POWERTOOLS_SERVICE_NAME`, else `reattestbatch`). */
export function createPowertoolsLogger(): Logger {
  const level = (process.env.LOG_LEVEL ?? 'INFO').toUpperCase();
  return new Logger({
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'reattestbatch',
    logLevel: (LEVELS.has(level) ? level : 'INFO') as 'INFO',
  });
}

/** Adapts a Powertools logger to {@link BatchLogger}. */
export function toBatchLogger(logger: Logger): BatchLogger {
  return {
    info: (message, attributes) => logger.info(message, attributes ?? {}),
    warn: (message, attributes) => logger.warn(message, attributes ?? {}),
    error: (message, attributes) => logger.error(message, attributes ?? {}),
  };
}

/** Keeps log lines in memory, for tests. */
export function createMemoryLogger(): BatchLogger & {
  lines: Array<{ level: string; message: string } & LogAttributes>;
} {
  const lines: Array<{ level: string; message: string } & LogAttributes> = [];
  const at =
    (level: string) =>
    (message: string, attributes: LogAttributes = {}): void => {
      lines.push({ ...attributes, level, message });
    };
  return { lines, info: at('INFO'), warn: at('WARN'), error: at('ERROR') };
}
