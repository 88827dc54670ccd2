import type { FaultLogEntry, FaultStats, RuleTiming } from '../schedule.js';

/** Which protocol the proxy speaks; it decides how requests are named and errors are shaped. */
export type FaultProxyKind = 'dynamodb' | 's3';

/**
 * An error response in the service's own wire shape. `code` is one the proxy knows
 * (`DYNAMODB_ERRORS`, `S3_ERRORS`: status and message come with it) or any other code with a
 * `status`.
 */
export interface ErrorFault {
  type: 'error';
  code: string;
  /** Overrides the code's status. An S3 `200` sends the error document with status 200, as S3 may for CopyObject. */
  status?: number;
  message?: string;
  /** Extra response headers, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
  /** Send the request on first and discard the answer: the write happened, the caller sees an error. */
  forward?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
}

/**
 * The connection is reset (TCP RST). `at: 'request'` (default): as soon as the request's headers
 * arrive, mid-body if it is still being sent, so the server never sees it. `'response'`: after the
 * server has answered, before anything is sent back. `'body'`: after the status, the headers and
 * half the body.
 */
export interface ResetFault {
  type: 'reset';
  at?: 'request' | 'response' | 'body';
  delayMs?: number;
}

/**
 * No answer, ever: the connection stays open until the client gives up (its request or socket
 * timeout) or the proxy stops. `at: 'request'` (default) never sends the request on;
 * `'response'` lets the server act and drops its answer.
 */
export interface TimeoutFault {
  type: 'timeout';
  at?: 'request' | 'response';
}

/** The request is passed through after `ms` milliseconds. */
export interface LatencyFault {
  type: 'latency';
  ms: number;
}

/** What a request can be made to suffer. */
export type HttpFault = ErrorFault | ResetFault | TimeoutFault | LatencyFault;

/**
 * Which requests a rule applies to, in object form. DynamoDB: `operation` (`PutItem`,
 * `TransactWriteItems`, `GetRecords`; the whole `X-Amz-Target` works too). S3: `operation`
 * (`PutObject`, `CopyObject`, ...), `method`, `bucket` and `key`. Every field is a glob
 * (`*`, `?`), an absent field matches anything.
 */
export interface HttpRequestMatch {
  operation?: string;
  method?: string;
  bucket?: string;
  key?: string;
}

/**
 * A rule: which requests, which fault, and when. `match` is `'*'` (every request) by default. As
 * a string it is an operation or an HTTP method, then for S3 optionally a key glob:
 * `'PutItem'`, `'Transact*'`, `'GET'`, `'PUT records/*'`, `'CopyObject records/*'`. The object
 * form can name the bucket too. An array matches any of its entries.
 */
export interface HttpFaultRule extends RuleTiming {
  match?: string | HttpRequestMatch | ReadonlyArray<string | HttpRequestMatch>;
  fault: HttpFault;
}

/** Options of `startFaultProxy`. */
export interface FaultProxyOptions {
  /** Where to send requests on: an endpoint URL, or anything with an `endpoint` (`startS3`'s result). */
  target: string | { endpoint: string };
  kind: FaultProxyKind;
  /** Fixes every random draw. Default: a random seed, reported as `proxy.seed`. */
  seed?: number;
  rules?: readonly HttpFaultRule[];
}

/** A running HTTP fault proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: give it to the SDK client as `endpoint`. */
  endpoint: string;
  seed: number;
  /** Replaces the rules (checked as at start); their counts start again. */
  setRules(rules: readonly HttpFaultRule[]): void;
  /** Counts so far (a fresh copy on every read). */
  readonly stats: FaultStats;
  /** Every injected fault, oldest first. */
  readonly log: readonly FaultLogEntry[];
  /** One line per injected fault, for a test's failure message. */
  describe(): string;
  /** Closes every connection (held ones too) and stops listening. */
  stop(): Promise<void>;
}
