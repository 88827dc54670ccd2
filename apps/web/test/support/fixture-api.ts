// A stand-in for POST /api/v1/attest on another loopback port (so requests are cross-origin,
// as in production), answering in the API's documented shapes. The real API is tested with the
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
  /** Decides the next answers (default: {@link validAnswer}). */
  answerWith(handler: (body: unknown) => FixtureAnswer): void;
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
  let handler: (body: unknown) => FixtureAnswer = defaultAnswer;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    if (req.method !== 'POST' || req.url !== '/api/v1/attest') {
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
    received.push(body);
    const answer = handler(body);
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
    answerWith(next) {
      handler = next;
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
