import type { SystemAccessLogger } from '@symval/dynamite-orm';

/** Where {@link infoSystemAccessLogger} writes its lines; `console.info` (stdout) by default. */
export type LogLineWriter = (line: string) => void;

/**
 * The system-access logger `connectRecords` gives dynamite unless told otherwise: one JSON
 * line at level `INFO` (the level field Powertools writes) the first time each job makes each
 * kind of operation, so an audit trail stays visible without one line per item of a batch.
 * System jobs are how this table is meant to be used by the streamer's rebuild, the snapshot
 * bootstrap and the CLI, so their use is information, not a warning (dynamite's own default
 * writes it with `console.warn`).
 *
 * @example
 * connectRecords(client, { tableName, systemAccessLogger: infoSystemAccessLogger() });
 * // {"level":"INFO","message":"dynamite-orm system access","table":"domain-records",…}
 */
export function infoSystemAccessLogger(
  write: LogLineWriter = (line) => console.info(line),
): SystemAccessLogger {
  const seen = new Set<string>();
  return (event) => {
    const key = `${event.system}\u0000${event.operation}`;
    if (seen.has(key)) return;
    seen.add(key);
    write(JSON.stringify({ level: 'INFO', message: 'dynamite-orm system access', ...event }));
  };
}
