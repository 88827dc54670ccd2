// Node's request in CloudFront Functions' event shape (viewer request, runtime 2.0) and the
// function's answer back in Node's terms, so the local site server runs the same rules file
// the Router runs.
import type { IncomingMessage } from 'node:http';

/** A header, cookie or query value as CloudFront Functions hold them. */
export interface CloudFrontValue {
  value: string;
  multiValue?: { value: string }[];
}

/** The request object of a viewer-request event. */
export interface CloudFrontRequest {
  method: string;
  /** The path as the viewer sent it (still percent-encoded). */
  uri: string;
  querystring: Record<string, CloudFrontValue> | string;
  headers: Record<string, CloudFrontValue>;
  cookies: Record<string, CloudFrontValue>;
  /** The query as sent, without `?`; `undefined` when the URL has no `?`. */
  rawQueryString(): string | undefined;
}

/** A viewer-request event. */
export interface CloudFrontEvent {
  version: '1.0';
  context: { eventType: 'viewer-request' };
  viewer: { ip: string };
  request: CloudFrontRequest;
}

/** A response a function returns instead of the request. */
export interface CloudFrontResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, CloudFrontValue>;
  body?: string | { data: string; encoding?: 'text' | 'base64' };
}

/** What the site server does after the rules ran. */
export type EdgeOutcome =
  | { kind: 'respond'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'continue'; url: string };

function grouped(pairs: Iterable<[string, string]>): Record<string, CloudFrontValue> {
  const out: Record<string, CloudFrontValue> = {};
  for (const [name, value] of pairs) {
    const seen = out[name];
    if (!seen) out[name] = { value };
    else seen.multiValue = [...(seen.multiValue ?? [{ value: seen.value }]), { value }];
  }
  return out;
}

function queryPairs(raw: string | undefined): [string, string][] {
  if (!raw) return [];
  return raw
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string] => {
      const equals = part.indexOf('=');
      return equals === -1 ? [part, ''] : [part.slice(0, equals), part.slice(equals + 1)];
    });
}

function cookiePairs(header: string | undefined): [string, string][] {
  if (!header) return [];
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.includes('='))
    .map((part): [string, string] => {
      const equals = part.indexOf('=');
      return [part.slice(0, equals), part.slice(equals + 1)];
    });
}

/** The path and query of a request line, also in the absolute form a proxy receives. */
function splitTarget(target: string): { uri: string; raw: string | undefined } {
  const pathAndQuery = /^[a-z][a-z0-9+.-]*:\/\//i.test(target)
    ? target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i, '') || '/'
    : target;
  const mark = pathAndQuery.indexOf('?');
  return mark === -1
    ? { uri: pathAndQuery, raw: undefined }
    : { uri: pathAndQuery.slice(0, mark), raw: pathAndQuery.slice(mark + 1) };
}

/**
 * The viewer-request event CloudFront would pass for `request`: the path as sent, the query
 * parsed (values still encoded) and raw, header names lowercase, cookies parsed.
 *
 * @example
 * toCloudFrontEvent(request).request; // { method: 'GET', uri: '/groupid/', querystring: { a: { value: '1' } }, … }
 */
export function toCloudFrontEvent(request: IncomingMessage): CloudFrontEvent {
  const { uri, raw } = splitTarget(request.url ?? '/');
  const headers = grouped(
    Object.entries(request.headers).flatMap(([name, value]): [string, string][] =>
      value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => [name, v]),
    ),
  );
  const cookie = request.headers.cookie;
  return {
    version: '1.0',
    context: { eventType: 'viewer-request' },
    viewer: { ip: request.socket.remoteAddress ?? '' },
    request: {
      method: request.method ?? 'GET',
      uri,
      querystring: grouped(queryPairs(raw)),
      headers,
      cookies: grouped(cookiePairs(typeof cookie === 'string' ? cookie : undefined)),
      rawQueryString: () => raw,
    },
  };
}

function isResponse(value: unknown): value is CloudFrontResponse {
  return typeof (value as CloudFrontResponse | null)?.statusCode === 'number';
}

function serialiseQuery(query: CloudFrontRequest['querystring']): string {
  if (typeof query === 'string') return query;
  return Object.entries(query)
    .flatMap(([key, entry]) => (entry.multiValue ?? [entry]).map((v) => [key, v.value]))
    .map(([key, value]) => (value === '' ? key : `${key}=${value}`))
    .join('&');
}

/**
 * What the function's answer means for the server: a response to send as it is, or the
 * request to go on with (its path and query, which a function may have rewritten).
 */
export function fromCloudFrontResult(event: CloudFrontEvent, result: unknown): EdgeOutcome {
  if (isResponse(result)) {
    const headers: Record<string, string> = {};
    for (const [name, entry] of Object.entries(result.headers ?? {})) {
      headers[name] = (entry.multiValue ?? [entry]).map((v) => v.value).join(', ');
    }
    const body = result.body;
    const bytes =
      body === undefined
        ? Buffer.alloc(0)
        : typeof body === 'string'
          ? Buffer.from(body)
          : Buffer.from(body.data, body.encoding === 'base64' ? 'base64' : 'utf8');
    return { kind: 'respond', status: result.statusCode, headers, body: bytes };
  }
  const request = (result ?? event.request) as CloudFrontRequest;
  const original = event.request.rawQueryString();
  const unchanged =
    JSON.stringify(request.querystring) === JSON.stringify(grouped(queryPairs(original)));
  const query = unchanged ? original : serialiseQuery(request.querystring);
  return { kind: 'continue', url: query === undefined ? request.uri : `${request.uri}?${query}` };
}
