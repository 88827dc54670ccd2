// A stand-in for POST /api/v1/attest and /api/v1/withdraw on another loopback port (so
// requests are cross-origin, as in production), answering in the API's documented shapes. The real API is tested with the
// site in the local-stack issue.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateGroupIdV1 } from '@symval/groupid';

/** An answer the fixture sends. */
export interface FixtureAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The running fixture API. */
export interface FixtureApi {
  /** Base URL, `http://127.0.0.1:PORT/`. */
  url: string;
  /** The JSON bodies received on POST /api/v1/attest, in order. */
  received: unknown[];
  /** The JSON bodies received on POST /api/v1/withdraw, in order. */
  withdrawals: unknown[];
  /** Decides the next answers (default: {@link validAnswer}). */
  answerWith(handler: (body: unknown) => FixtureAnswer): void;
  /** Decides the next answers to withdrawals (default: {@link withdrawnAnswer}). */
  answerWithdrawWith(handler: (body: unknown) => FixtureAnswer): void;
  close(): Promise<void>;
}

/** A 200 "valid" answer in the API's shape. */
export function validAnswer(expectedId: string): FixtureAnswer {
  return {
    status: 200,
    body: {
      isValid: true,
      expectedId,
      groupIdCount: 1,
      message: 'Attestation PASSED: The domains form a valid symmetric group',
      status: 'valid',
      reasons: [],
    },
  };
}

/** The API's 200 to a withdrawal of a group of `deleted` records. */
export function withdrawnAnswer(body: unknown, deleted = 1): FixtureAnswer {
  const { owner, type, domains } = body as { owner: string; type: string; domains: string[] };
  return {
    status: 200,
    body: {
      withdrawn: true,
      groupId: calculateGroupIdV1(owner, type, domains),
      deleted,
      message: `Group withdrawn: ${deleted} ${deleted === 1 ? 'record' : 'records'} removed.`,
    },
  };
}

/** The fixture's default: every well-formed request is valid, with the ID it implies. */
export function defaultAnswer(body: unknown): FixtureAnswer {
  const { owner, type, domains } = body as { owner: string; type: string; domains: string[] };
  return validAnswer(calculateGroupIdV1(owner, type, domains));
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  // The page reads Retry-After on 429/503; a cross-origin page sees it only when exposed.
  'access-control-expose-headers': 'retry-after',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => done(text));
    req.on('error', fail);
  });
}

/** Starts the fixture API on a free 127.0.0.1 port. */
export async function startFixtureApi(): Promise<FixtureApi> {
  const received: unknown[] = [];
  const withdrawals: unknown[] = [];
  let handler: (body: unknown) => FixtureAnswer = defaultAnswer;
  let withdrawHandler: (body: unknown) => FixtureAnswer = withdrawnAnswer;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    const route =
      req.url === '/api/v1/attest' ? 'attest' : req.url === '/api/v1/withdraw' ? 'withdraw' : null;
    if (req.method !== 'POST' || !route) {
      res.writeHead(404, { ...CORS, 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not found', field: null }));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      res.writeHead(400, { ...CORS, 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'body is not JSON', field: 'body' }));
      return;
    }
    (route === 'attest' ? received : withdrawals).push(body);
    const answer = (route === 'attest' ? handler : withdrawHandler)(body);
    res.writeHead(answer.status, {
      ...CORS,
      'content-type': 'application/json',
      ...answer.headers,
    });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    withdrawals,
    answerWith(next) {
      handler = next;
    },
    answerWithdrawWith(next) {
      withdrawHandler = next;
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
