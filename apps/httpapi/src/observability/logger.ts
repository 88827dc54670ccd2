import { Logger } from '@aws-lambda-powertools/logger';

/** Extra fields of one log line. */
export type LogAttributes = Record<string, unknown>;

/** Where the app writes its log lines; the Powertools logger fits, tests pass a recorder. */
export interface AppLogger {
  debug(message: string, attributes?: LogAttributes): void;
  info(message: string, attributes?: LogAttributes): void;
  warn(message: string, attributes?: LogAttributes): void;
  error(message: string, attributes?: LogAttributes): void;
}

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** The `service` field. Default `POWERTOOLS_SERVICE_NAME`, else `httpapi`. */
  serviceName?: string;
  /** `DEBUG`, `INFO`, `WARN`, `ERROR`. Default `LOG_LEVEL`, else `INFO`. */
  logLevel?: string;
}

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL']);

/**
 * JSON log lines through the Lambda Powertools logger: one object per line with `level`,
 * `message`, `service`, `timestamp` and the attributes given (the request id among them).
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): AppLogger {
  const level = (options.logLevel ?? process.env.LOG_LEVEL ?? 'INFO').toUpperCase();
  const logger = new Logger({
    serviceName: options.serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'httpapi',
    logLevel: (LEVELS.has(level) ? level : 'INFO') as 'INFO',
  });
  return {
    debug: (message, attributes) => logger.debug(message, attributes ?? {}),
    info: (message, attributes) => logger.info(message, attributes ?? {}),
    warn: (message, attributes) => logger.warn(message, attributes ?? {}),
    error: (message, attributes) => logger.error(message, attributes ?? {}),
  };
}

/** A logger that keeps every line in memory, for tests and benchmarks. */
export interface MemoryLogger extends AppLogger {
  readonly lines: Array<{ level: string; message: string } & LogAttributes>;
}

/** Keeps log lines in `lines` instead of printing them. */
export function createMemoryLogger(): MemoryLogger {
  const lines: MemoryLogger['lines'] = [];
  const at =
    (level: string) =>
    (message: string, attributes: LogAttributes = {}): void => {
      lines.push({ ...attributes, level, message });
    };
  return { lines, debug: at('DEBUG'), info: at('INFO'), warn: at('WARN'), error: at('ERROR') };
}
