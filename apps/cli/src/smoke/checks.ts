import { randomUUID } from 'node:crypto';
import { calculateGroupIdV1 } from '@symval/groupid';
import { readSnapshot } from '@symval/records/snapshot';
import { type HttpAnswer, NoAnswer, sendRequest } from '../http/request.js';

/** Where a smoke run points, and how. */
export interface SmokeTarget {
  /** The site's URL, ending in `/`. */
  site: string;
  /** The API's base URL, ending `/api/v1`. */
  api: string;
  /** The origin the CORS checks send: another site's, since the API is for any site. */
  origin: string;
  /** The site's pages to fetch, as paths (`/`, `/join/`). */
  pages: readonly string[];
  timeoutMs: number;
}

/** One check's result. */
export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was asked and what came back, in one line. */
  detail: string;
  /** Milliseconds the check's requests took. */
  ms: number;
}

/** Thrown by a check to fail with a reason. */
class CheckFailed extends Error {}

function fail(message: string): never {
  throw new CheckFailed(message);
}

/** The site's pages checked unless `--page` says otherwise. */
export const DEFAULT_PAGES = ['/', '/join/', '/symmetries/', '/group-id/'] as const;

/** An owner that no group has: the smoke attestation's, so it can never match a stored one. */
function smokeOwner(): string {
  return `https://smoke.symval.invalid/${randomUUID()}`;
}

/**
 * A palindrome under the `.invalid` top-level domain, which never resolves (RFC 6761): it
 * passes the symmetry check, so the API asks DNS, and can only come back invalid.
 */
export const SMOKE_HOSTNAME = 'dilavni.invalid';

function header(answer: HttpAnswer, name: string): string {
  return answer.headers.get(name) ?? '';
}

function short(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function expectStatus(answer: HttpAnswer, what: string, ...statuses: number[]): void {
  if (!statuses.includes(answer.status)) {
    fail(
      `${what} answered HTTP ${answer.status}, expected ${statuses.join(' or ')}: ${short(answer.text) || '(empty body)'}`,
    );
  }
}

function isJsonType(answer: HttpAnswer): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(header(answer, 'content-type'));
}

/** The checks of a smoke run, in order. Each makes its own requests and reads them whole. */
export function smokeChecks(
  target: SmokeTarget,
): readonly { name: string; run(time: (ms: number) => void): Promise<string> }[] {
  const send = async (url: string, init: RequestInit, time: (ms: number) => void) => {
    let answer: HttpAnswer;
    try {
      answer = await sendRequest(url, { ...init, timeoutMs: target.timeoutMs });
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      throw new NoAnswer(`${init.method ?? 'GET'} ${url}: ${error.message}`, { cause: error });
    }
    time(answer.ms);
    return answer;
  };
  const path = (url: string) => new URL(url).pathname;

  const health = {
    name: 'health',
    async run(time: (ms: number) => void) {
      const url = `${target.api}/health`;
      const answer = await send(url, { headers: { Accept: 'application/json' } }, time);
      expectStatus(answer, `GET ${path(url)}`, 200);
      const status = (answer.json as { status?: unknown } | undefined)?.status;
      if (status !== 'ok')
        fail(`GET ${path(url)} answered 200 without {"status":"ok"}: ${short(answer.text)}`);
      return `GET ${path(url)}: 200 {"status":"ok"}`;
    },
  };

  const openapi = {
    name: 'openapi',
    async run(time: (ms: number) => void) {
      const url = `${target.api}/openapi.json`;
      const answer = await send(url, { headers: { Accept: 'application/json' } }, time);
      expectStatus(answer, `GET ${path(url)}`, 200);
      const doc = answer.json as { openapi?: unknown; paths?: Record<string, unknown> } | undefined;
      if (typeof doc?.openapi !== 'string' || !doc.openapi.startsWith('3.')) {
        fail(`GET ${path(url)} is not an OpenAPI 3 document: ${short(answer.text)}`);
      }
      const routes = ['/api/v1/attest', '/api/v1/withdraw', '/api/v1/groups/{groupId}'];
      const missing = routes.filter((route) => !(route in (doc.paths ?? {})));
      if (missing.length > 0) fail(`the OpenAPI document lacks ${missing.join(', ')}`);
      return `GET ${path(url)}: OpenAPI ${doc.openapi}, ${Object.keys(doc.paths ?? {}).length} paths`;
    },
  };

  const cors = {
    name: 'cors-preflight',
    async run(time: (ms: number) => void) {
      const url = `${target.api}/attest`;
      const answer = await send(
        url,
        {
          method: 'OPTIONS',
          headers: {
            Origin: target.origin,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'content-type',
          },
        },
        time,
      );
      expectStatus(answer, `OPTIONS ${path(url)} from ${target.origin}`, 200, 204);
      const allowOrigin = header(answer, 'access-control-allow-origin');
      if (allowOrigin !== '*' && allowOrigin !== target.origin) {
        fail(
          `OPTIONS ${path(url)} from ${target.origin} allows origin ${JSON.stringify(allowOrigin)}: other sites cannot call the API from a browser`,
        );
      }
      const methods = header(answer, 'access-control-allow-methods').toUpperCase();
      if (!/\bPOST\b/.test(methods) && methods !== '*')
        fail(`the preflight allows methods ${JSON.stringify(methods)}, not POST`);
      const allowed = header(answer, 'access-control-allow-headers').toLowerCase();
      if (!allowed.split(/\s*,\s*/).includes('content-type') && allowed !== '*') {
        fail(`the preflight allows headers ${JSON.stringify(allowed)}, not Content-Type`);
      }
      return `OPTIONS ${path(url)} from ${target.origin}: ${answer.status}, allows origin ${allowOrigin}, ${methods}`;
    },
  };

  const snapshot = {
    name: 'snapshot',
    async run(time: (ms: number) => void) {
      const url = new URL('records/domains.json', target.site).href;
      const answer = await send(url, {}, time);
      expectStatus(answer, `GET ${path(url)}`, 200);
      if (!isJsonType(answer))
        fail(
          `GET ${path(url)} is served as ${JSON.stringify(header(answer, 'content-type'))}, not application/json`,
        );
      const cache = header(answer, 'cache-control').toLowerCase();
      const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(cache);
      const fresh = /\bno-cache\b/.test(cache) || (maxAge !== null && Number(maxAge[1]) <= 3600);
      if (cache === '' || /\bno-store\b/.test(cache) || !fresh) {
        fail(
          `GET ${path(url)} has Cache-Control ${JSON.stringify(cache)}: it must be cacheable and revalidated within an hour (no-cache, or max-age of at most 3600)`,
        );
      }
      let read: ReturnType<typeof readSnapshot>;
      try {
        read = readSnapshot(answer.text);
      } catch (error) {
        fail(`GET ${path(url)} is not a snapshot: ${(error as Error).message}`);
      }
      const unreadable = read.rejected.length;
      return `GET ${path(url)}: ${header(answer, 'content-type')}, Cache-Control ${cache}, ${read.records.length} records${unreadable > 0 ? `, ${unreadable} ${unreadable === 1 ? 'entry' : 'entries'} unreadable` : ''}`;
    },
  };

  const attest = {
    name: 'attest-invalid',
    async run(time: (ms: number) => void) {
      const url = `${target.api}/attest`;
      const owner = smokeOwner();
      const expectedId = calculateGroupIdV1(owner, 'a', [SMOKE_HOSTNAME]);
      const answer = await send(
        url,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: target.origin },
          body: JSON.stringify({ owner, type: 'palindrome', domains: [SMOKE_HOSTNAME] }),
        },
        time,
      );
      if (answer.status === 429) {
        fail(
          `POST ${path(url)} was rate-limited (429, Retry-After ${header(answer, 'retry-after') || '?'}); run the smoke check again later`,
        );
      }
      const body = (answer.json ?? {}) as {
        isValid?: unknown;
        status?: unknown;
        code?: unknown;
        expectedId?: unknown;
        reasons?: { code?: unknown }[];
      };
      // The API answers indeterminate with a 503 (older ones with a 200): read it from the body
      // before the status, so the failure says DNS rather than "HTTP 503".
      if (body.status === 'indeterminate' || body.code === 'indeterminate') {
        fail(
          `POST ${path(url)} answered indeterminate (HTTP ${answer.status}): the API could not ask DNS about ${SMOKE_HOSTNAME}, so its resolver is failing`,
        );
      }
      expectStatus(answer, `POST ${path(url)}`, 200);
      if (body.isValid !== false || body.status !== 'invalid') {
        fail(
          `POST ${path(url)} for ${SMOKE_HOSTNAME} answered isValid ${JSON.stringify(body.isValid)}, status ${JSON.stringify(body.status)}; a name under .invalid must be invalid`,
        );
      }
      if (body.expectedId !== expectedId) {
        fail(
          `POST ${path(url)} computed the group ID ${JSON.stringify(body.expectedId)}, but v1 gives ${expectedId}`,
        );
      }
      const exposed = header(answer, 'access-control-expose-headers').toLowerCase();
      if (header(answer, 'access-control-allow-origin') === '') {
        fail(
          `POST ${path(url)} from ${target.origin} has no Access-Control-Allow-Origin: browsers on other sites cannot read it`,
        );
      }
      if (!exposed.split(/\s*,\s*/).includes('retry-after')) {
        fail(
          `POST ${path(url)} does not expose Retry-After to other sites' scripts (Access-Control-Expose-Headers ${JSON.stringify(exposed)})`,
        );
      }
      const groupUrl = `${target.api}/groups/${encodeURIComponent(expectedId)}`;
      const stored = await send(groupUrl, { headers: { Accept: 'application/json' } }, time);
      if (stored.status !== 404) {
        fail(
          `after an invalid attestation GET /groups/<its ID> answered ${stored.status}, expected 404: something was stored`,
        );
      }
      const codes = (body.reasons ?? [])
        .map((reason) => reason.code)
        .filter((code) => typeof code === 'string');
      return `POST ${path(url)} ${SMOKE_HOSTNAME}: invalid (${codes.join(', ') || 'no reason given'}), expected ID as v1 computes it, nothing stored (GET /groups: 404)`;
    },
  };

  const pages = target.pages.map((page) => ({
    name: `page ${page}`,
    async run(time: (ms: number) => void) {
      const url = new URL(page.replace(/^\/+/, ''), target.site).href;
      const answer = await send(url, { headers: { Accept: 'text/html' } }, time);
      expectStatus(answer, `GET ${path(url)}`, 200);
      const type = header(answer, 'content-type');
      if (!/^text\/html\b/i.test(type))
        fail(`GET ${path(url)} is served as ${JSON.stringify(type)}, not text/html`);
      const title = /<title[^>]*>([^<]*)<\/title>/i.exec(answer.text)?.[1]?.trim();
      return `GET ${path(url)}: 200 ${type}${title ? `, "${short(title, 60)}"` : ''}`;
    },
  }));

  return [health, openapi, cors, snapshot, attest, ...pages];
}

/**
 * Runs every check in order, each to its end: a failed check (or one that got no answer) is a
 * line of the report, never an exception, so one down service does not hide the others.
 */
export async function runSmokeChecks(
  target: SmokeTarget,
  onResult?: (result: CheckResult) => void,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of smokeChecks(target)) {
    let ms = 0;
    const time = (spent: number) => {
      ms += spent;
    };
    let result: CheckResult;
    try {
      result = { name: check.name, ok: true, detail: await check.run(time), ms };
    } catch (error) {
      if (!(error instanceof CheckFailed || error instanceof NoAnswer)) throw error;
      const detail = error instanceof NoAnswer ? `no answer: ${error.message}` : error.message;
      result = { name: check.name, ok: false, detail, ms };
    }
    results.push(result);
    onResult?.(result);
  }
  return results;
}
