import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';

/** An HTTP answer, read whole. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  json: unknown;
  /** Milliseconds from sending to the end of the body. */
  ms: number;
}

/** Why a request got no answer: `ECONNREFUSED`, `timeout after 10000 ms`, … */
export function describeFetchFailure(error: unknown, timeoutMs: number): string {
  const facts = error as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (facts?.name === 'TimeoutError' || facts?.name === 'AbortError') {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = facts?.cause;
  if (cause?.code)
    return cause.message?.includes(cause.code)
      ? cause.message
      : `${cause.code}: ${cause.message ?? ''}`.trim();
  return cause?.message ?? facts?.message ?? String(error);
}

/** A request that got no answer at all (refused, reset, timed out, no such host). */
export class NoAnswer extends Error {
  override readonly name = 'NoAnswer';
}

/**
 * Sends one request and reads the whole answer, within `timeoutMs` (a client timeout, so a
 * server that never answers ends the command). Redirects are not followed: a check that
 * asked for one URL reports what that URL answered.
 *
 * @throws NoAnswer when nothing answered, with the reason in its message.
 */
export async function sendRequest(
  url: string,
  init: RequestInit & { timeoutMs: number },
): Promise<HttpAnswer> {
  const { timeoutMs, ...rest } = init;
  const started = performance.now();
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      redirect: 'manual',
      ...rest,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new NoAnswer(describeFetchFailure(error, timeoutMs), { cause: error });
  }
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    headers: response.headers,
    text,
    json,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Reads a URL option: an absolute http(s) URL, without a query or fragment.
 *
 * @throws CliError `input.url` (exit code 2) naming the option.
 */
export function readHttpUrl(option: string, value: string, example: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new CliError(
      'input.url',
      `${option} must be an http(s) URL, received ${JSON.stringify(value)}`,
      {
        hint: `For example ${option} ${example}.`,
      },
    );
  }
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * The API's base URL (ending `/api/v1`) from `--api`: the base itself, or the site it is
 * served under (`https://suns.bz` → `https://suns.bz/api/v1`).
 */
export function apiBaseFrom(url: URL): string {
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/api/v1')) return `${url.origin}${path}`;
  if (path.endsWith('/api')) return `${url.origin}${path}/v1`;
  return `${url.origin}${path}/api/v1`;
}

/** The error of a request to the API that got no answer: exit code 3, try again. */
export function apiUnreachable(
  what: string,
  url: string,
  error: NoAnswer,
  local: boolean,
): CliError {
  return new CliError('api.unreachable', `${what} got no answer from ${url}: ${error.message}`, {
    exitCode: ExitCode.indeterminate,
    hint: local
      ? 'That is the local stack: start it with pnpm dev, or pass --api <url>.'
      : 'Check --api and the network, then try again.',
    cause: error,
  });
}
