import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSymval } from './run-cli.js';

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A small server speaking the Lambda Invoke REST API: `echo` returns its event, `fails`
 * reports an unhandled error, `logs` returns a log tail when asked; other names are 404.
 */
let server: Server;
let endpoint: string;
const seen: SeenRequest[] = [];
let dir: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? '');
      const name = match ? decodeURIComponent(match[1]!) : undefined;
      const json = { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' };
      if (request.method !== 'POST' || !name || !['echo', 'fails', 'logs'].includes(name)) {
        response
          .writeHead(404, {
            'content-type': 'application/json',
            'x-amzn-errortype': 'ResourceNotFoundException',
          })
          .end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
      } else if (name === 'fails') {
        response
          .writeHead(200, { ...json, 'x-amz-function-error': 'Unhandled' })
          .end(JSON.stringify({ errorType: 'Error', errorMessage: 'boom' }));
      } else if (name === 'logs') {
        const tail =
          request.headers['x-amz-log-type'] === 'Tail'
            ? {
                'x-amz-log-result': Buffer.from('START\nhello from logs\nEND\n').toString('base64'),
              }
            : {};
        response.writeHead(200, { ...json, ...tail }).end('"done"');
      } else {
        response.writeHead(200, json).end(body);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'symval-cli-invoke-'));
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  seen.length = 0;
});

const invoke = (args: string[], env: Record<string, string> = {}) =>
  runSymval(['invoke', ...args], { env });

describe('symval invoke against a Lambda-Invoke-compatible server', () => {
  it('posts the payload to the function and prints what it returned', async () => {
    const result = await invoke([
      'echo',
      '--endpoint',
      endpoint,
      '--payload',
      '{"source":"cli","n":1}',
    ]);
    expect(result).toEqual({ code: 0, stdout: '{\n  "source": "cli",\n  "n": 1\n}\n', stderr: '' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/2015-03-31/functions/echo/invocations',
      body: '{"source":"cli","n":1}',
    });
    expect(seen[0]!.headers['x-amz-invocation-type']).toBe('RequestResponse');
  });

  it('reads the payload from @file, takes the endpoint from SYMVAL_LAMBDA_ENDPOINT, and prints JSON', async () => {
    const file = join(dir, 'event.json');
    await writeFile(file, '{"detail-type":"Scheduled Event"}');
    const result = await invoke(['echo', '--payload', `@${file}`, '--json'], {
      SYMVAL_LAMBDA_ENDPOINT: endpoint,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      function: 'echo',
      endpoint,
      statusCode: 200,
      functionError: null,
      executedVersion: '$LATEST',
      payload: { 'detail-type': 'Scheduled Event' },
    });
  });

  it('sends {} when no payload is given', async () => {
    const result = await invoke(['echo', '--endpoint', endpoint, '--json']);
    expect(JSON.parse(result.stdout).payload).toEqual({});
    expect(seen[0]!.body).toBe('{}');
  });

  it('exits 1 when the function reports an error, showing it', async () => {
    const result = await invoke(['fails', '--endpoint', endpoint]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'fails reported an error (Unhandled):\n  {\n    "errorType": "Error",\n    "errorMessage": "boom"\n  }\n',
    );
    const json = await invoke(['fails', '--endpoint', endpoint, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      functionError: 'Unhandled',
      payload: { errorMessage: 'boom' },
    });
  });

  it('prints the log tail on stderr with --logs', async () => {
    const result = await invoke(['logs', '--endpoint', endpoint, '--logs']);
    expect(result.code).toBe(0);
    // The function returned the JSON string "done"; it is printed as JSON, as returned.
    expect(result.stdout).toBe('"done"\n');
    expect(result.stderr).toBe('--- log tail of logs ---\nSTART\nhello from logs\nEND\n---\n');
  });

  it('exits 2 for a function that does not exist, and for a payload that is not JSON (sending nothing)', async () => {
    const missing = await invoke(['nope', '--endpoint', endpoint]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`function "nope" at ${endpoint}: Function not found: nope`);
    seen.length = 0;
    const bad = await invoke(['echo', '--endpoint', endpoint, '--payload', '{source: cli}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--payload is not JSON');
    expect(seen).toEqual([]);
  });

  it('exits 3 when nothing answers at the endpoint', async () => {
    const result = await invoke(['echo', '--endpoint', 'http://127.0.0.1:9']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('function "echo" at http://127.0.0.1:9: ');
    expect(result.stderr).toContain('ECONNREFUSED');
  });
});
