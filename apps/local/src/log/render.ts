// Turns the handlers' JSON log lines (Powertools, as on Lambda) into one readable line each
// for a terminal. Everything that is not such a line passes through unchanged.

/** One JSON log line as the Powertools logger writes it. */
type LogRecord = Record<string, unknown> & { level?: unknown; message?: unknown };

/** The request id the stack's own readiness probes send (their request lines are not shown). */
export const PROBE_REQUEST_ID = 'local-readiness-probe';

// Which component prefix a `service` gets; unknown services keep their own name.
const COMPONENTS: Record<string, string> = {
  httpapi: 'api',
  streamer: 'stream',
  reattestbatch: 'reattest',
};

// Powertools' and Lambda's fields on every line: the terminal needs none of them.
const CONTEXT_FIELDS = new Set([
  'level',
  'message',
  'service',
  'timestamp',
  'sampling_rate',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'xray_trace_id',
  'requestId',
]);

const MAX_PENDING = 1000;
const REATTEST_RUN = new Set(['re-attestation started', 're-attestation finished']);

function prefix(component: string): string {
  return `[${component}]`.padEnd(10);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object'))
    return value.join(',');
  return JSON.stringify(value);
}

function details(record: LogRecord, skip: readonly string[] = []): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (CONTEXT_FIELDS.has(key) || skip.includes(key) || value === undefined) continue;
    parts.push(`${key}=${formatValue(value)}`);
  }
  return parts.join(' ');
}

function levelWord(level: string): string {
  if (level === 'WARN') return 'warning: ';
  if (level === 'ERROR' || level === 'CRITICAL') return 'error: ';
  if (level === 'DEBUG' || level === 'TRACE') return 'debug: ';
  return '';
}

function plural(count: unknown, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`;
}

function kilobytes(bytes: unknown): string {
  return typeof bytes === 'number' ? `${(bytes / 1024).toFixed(1)} kB` : '? kB';
}

function attestOutcome(record: LogRecord): string {
  const reasons = Array.isArray(record.reasons) ? record.reasons : [];
  const why = reasons.length > 0 ? ` (${reasons.join(', ')})` : '';
  return `${String(record.status)}${why} ${String(record.groupId)}`;
}

function streamBatch(record: LogRecord): string {
  const skipped = record.skipped ? `, ${String(record.skipped)} skipped` : '';
  const undecodable = record.undecodable ? `, ${String(record.undecodable)} undecodable` : '';
  const snapshot = record.published
    ? `snapshot published: ${plural(record.items, 'member record')}, ${kilobytes(record.bytes)}`
    : 'snapshot unchanged';
  return `${plural(record.records, 'record')}: ${String(record.applied)} applied${skipped}${undecodable}; ${snapshot} (${String(record.durationMs)} ms)`;
}

/**
 * Renders log lines for a terminal: keeps per-request details (the attest outcome) until the
 * request's own line, and drops CloudWatch metric lines (EMF). Create one per output stream.
 */
export interface LogRenderer {
  /** The lines to print for `line`: none, the line itself, or its readable form. */
  render(line: string): string[];
}

/**
 * A renderer of the handlers' JSON lines (see {@link LogRenderer}):
 *
 * - `[api]      POST /api/v1/attest 200 52 ms: valid v1:a:…` (one line per request, with
 *   what the route logged for it: the attest outcome, the withdraw decision);
 * - `[stream]   3 records: 3 applied; snapshot published: 2 member records, 1.2 kB (45 ms)`;
 * - any other line: `[component] warning: message key=value …`.
 *
 * @example
 * const renderer = createLogRenderer();
 * renderer.render('{"level":"INFO","message":"request","service":"httpapi","method":"GET","path":"/api/v1/health","status":200,"durationMs":0.7}');
 * // ['[api]      GET /api/v1/health 200 0.7 ms']
 */
export function createLogRenderer(): LogRenderer {
  // What a request's route logged at INFO, shown on the request's line when it ends.
  const pending = new Map<string, string[]>();

  const renderRecord = (record: LogRecord): string[] => {
    const level = typeof record.level === 'string' ? record.level.toUpperCase() : 'INFO';
    const message = String(record.message ?? '');
    const service = typeof record.service === 'string' ? record.service : 'app';
    const component = COMPONENTS[service] ?? service;
    const requestId = typeof record.requestId === 'string' ? record.requestId : undefined;

    if (service === 'httpapi' && requestId && level === 'INFO' && message !== 'request') {
      const notes = pending.get(requestId) ?? [];
      // A request whose own line never comes (a crash) must not keep its notes forever.
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as string);
      notes.push(
        message === 'attest' ? attestOutcome(record) : `${message} ${details(record)}`.trim(),
      );
      pending.set(requestId, notes);
      return [];
    }
    if (service === 'httpapi' && message === 'request') {
      const notes = requestId ? (pending.get(requestId) ?? []) : [];
      if (requestId) pending.delete(requestId);
      if (requestId?.startsWith(PROBE_REQUEST_ID)) return [];
      const head = `${String(record.method)} ${String(record.path)} ${String(record.status)} ${String(record.durationMs)} ms`;
      return [
        `${prefix(component)} ${levelWord(level)}${head}${notes.length > 0 ? `: ${notes.join('; ')}` : ''}`,
      ];
    }
    // The stack prints each run's summary itself (`[reattest] 2 group(s): …`).
    if (service === 'reattestbatch' && level === 'INFO' && REATTEST_RUN.has(message)) return [];
    if (service === 'streamer' && message === 'stream batch applied') {
      return [`${prefix(component)} ${streamBatch(record)}`];
    }
    const rest = details(record);
    return [`${prefix(component)} ${levelWord(level)}${message}${rest ? ` ${rest}` : ''}`];
  };

  return {
    render(line) {
      const text = line.trim();
      if (!text.startsWith('{')) return [line];
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        return [line];
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record)) return [line];
      // CloudWatch embedded metrics: numbers for dashboards, not for a person.
      if ('_aws' in record) return [];
      if (!('message' in record) || !('level' in record)) return [line];
      return renderRecord(record as LogRecord);
    },
  };
}
