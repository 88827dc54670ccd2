import { createStaticClaimResolver, type StaticClaimEntry } from '@symval/attestation';
import { describe, expect, it } from 'vitest';
import { FLIP, FLIP_ID, OWNER, PAIR, PAIR_ID, postJson } from '../../test/support/fixtures.js';
import { createMemoryGroupStore } from '../../test/support/memory-store.js';
import { HttpApiError } from '../errors.js';
import { createMemoryLogger } from '../observability/logger.js';
import { createMemoryMetrics } from '../observability/metrics.js';
import type { AttestResponse } from '../routes/attest.js';
import { groupRequestSchema } from '../schema/requests.js';
import type { GroupStore } from '../store/group-store.js';
import { type AppOptions, createApp } from './create-app.js';

const T0 = new Date('2026-11-23T10:00:00.000Z');

function setup(claims: Record<string, StaticClaimEntry> = {}, options: Partial<AppOptions> = {}) {
  const resolver = createStaticClaimResolver(claims);
  const store = createMemoryGroupStore();
  const logger = createMemoryLogger();
  const metrics = createMemoryMetrics();
  let now = T0;
  const app = createApp({
    resolver,
    store,
    logger,
    metrics,
    now: () => now,
    rateLimit: { count: 100, windowSeconds: 60 },
    clientKey: (c) => c.req.header('x-test-client') ?? 'client',
    ...options,
  });
  return {
    app,
    resolver,
    store,
    logger,
    metrics,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

const validPair = { [PAIR[0]]: [PAIR_ID], [PAIR[1]]: [PAIR_ID] };
const pairBody = { owner: OWNER, type: 'mirrornames', domains: [...PAIR] };

describe('routing', () => {
  it('answers health with a request id and no caching', async () => {
    const { app } = setup();
    const response = await app.request('/api/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers HEAD like GET without a body', async () => {
    const { app } = setup();
    const response = await app.request('/api/v1/health', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 404 as JSON for unknown paths', async () => {
    const { app } = setup();
    const response = await app.request('/api/v2/attest', postJson(pairBody));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ field: null, code: 'not-found' });
  });

  it('answers 405 with the allowed methods', async () => {
    const { app } = setup();
    const get = await app.request('/api/v1/attest');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await get.json()).toMatchObject({ code: 'method-not-allowed', field: null });
    const del = await app.request('/api/v1/health', { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD');
    const put = await app.request(`/api/v1/groups/${encodeURIComponent(PAIR_ID)}`, {
      method: 'PUT',
    });
    expect(put.headers.get('allow')).toBe('GET, HEAD');
    expect(put.headers.get('x-request-id')).toBeTruthy();
  });

  it('keeps a plain client request id and logs it on every line', async () => {
    const { app, logger } = setup(validPair);
    const response = await app.request(
      '/api/v1/attest',
      postJson(pairBody, { 'X-Request-Id': 'client-abc-123' }),
    );
    expect(response.headers.get('x-request-id')).toBe('client-abc-123');
    expect(logger.lines.map((line) => [line.message, line.requestId])).toEqual([
      ['attest', 'client-abc-123'],
      ['request', 'client-abc-123'],
    ]);
    expect(logger.lines[1]).toMatchObject({ method: 'POST', path: '/api/v1/attest', status: 200 });
  });

  it('replaces a request id that is not plain', async () => {
    const { app } = setup();
    const response = await app.request('/api/v1/health', {
      headers: { 'X-Request-Id': 'x"><script>' },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 500 with the request id when storage fails, and logs the error', async () => {
    const failing: GroupStore = {
      saveAttested: async () => {
        throw new Error('table gone');
      },
      readGroup: async () => [],
      deleteGroup: async () => ({ deleted: 0, conflicts: 0 }),
    };
    const { app, logger } = setup(validPair, { store: failing });
    const response = await app.request('/api/v1/attest', postJson(pairBody));
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id');
    expect(await response.json()).toMatchObject({ code: 'internal', field: null });
    const error = logger.lines.find((line) => line.message === 'unhandled error');
    expect(error).toMatchObject({ level: 'ERROR', requestId });
    expect(JSON.stringify(error)).toContain('table gone');
  });
});

describe('POST /api/v1/attest', () => {
  it('stores a valid group and answers the fields existing clients read', async () => {
    const { app, store, resolver, metrics } = setup(validPair);
    const response = await app.request('/api/v1/attest', postJson(pairBody));
    expect(response.status).toBe(200);
    expect(response.headers.get('retry-after')).toBeNull();
    const body = (await response.json()) as AttestResponse;
    expect(body).toMatchObject({
      isValid: true,
      expectedId: PAIR_ID,
      // Existing clients read it as the hostnames carrying the expected ID: both of the pair.
      groupIdCount: 2,
      status: 'valid',
      reasons: [],
      type: { code: 'e', name: 'mirrornames' },
      hostnames: [...PAIR],
    });
    expect(body).not.toHaveProperty('errorMessage');
    expect(typeof body.message).toBe('string');
    expect(body.records).toEqual(
      PAIR.map((hostname) => ({
        owner: OWNER,
        type: 'e',
        hostname,
        groupId: PAIR_ID,
        validateTime: T0.toISOString(),
        rev: 1,
      })),
    );
    expect(store.records.size).toBe(2);
    expect([...resolver.lookups].sort()).toEqual([...PAIR].sort());
    expect(metrics.events).toEqual([
      { name: 'attest', value: 'valid', durationMs: expect.any(Number) },
    ]);
  });

  it('accepts the type by code and hostnames in any case with a trailing dot', async () => {
    const { app } = setup(validPair);
    const response = await app.request(
      '/api/v1/attest',
      postJson({ owner: OWNER, type: 'E', domains: ['ME.example.com.', 'com.EXAMPLE.me'] }),
    );
    expect(await response.json()).toMatchObject({ status: 'valid', expectedId: PAIR_ID });
  });

  it('answers an invalid group with reasons and writes nothing', async () => {
    const { app, store, metrics } = setup({ [PAIR[0]]: [PAIR_ID] });
    const response = await app.request('/api/v1/attest', postJson(pairBody));
    expect(response.status).toBe(200);
    const body = (await response.json()) as AttestResponse;
    expect(body).toMatchObject({
      isValid: false,
      status: 'invalid',
      expectedId: PAIR_ID,
      groupIdCount: 1,
    });
    expect(body.reasons).toEqual([
      expect.objectContaining({ code: 'missing-claim', domain: PAIR[1] }),
    ]);
    expect(body.errorMessage).toContain('com.example.me has no claim');
    expect(body).not.toHaveProperty('records');
    expect(store.records.size).toBe(0);
    expect(metrics.events[0]).toMatchObject({ value: 'invalid' });
  });

  it('answers indeterminate with 503 and Retry-After when DNS fails, as withdraw does, and writes nothing', async () => {
    const { app, store, metrics } = setup({
      [PAIR[0]]: [PAIR_ID],
      [PAIR[1]]: { error: 'timeout' },
    });
    const response = await app.request('/api/v1/attest', postJson(pairBody));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      error:
        'DNS did not answer for every hostname, so the claims are unknown; nothing was stored; try again later',
      field: null,
      code: 'indeterminate',
      isValid: false,
      expectedId: PAIR_ID,
      groupIdCount: 1,
      message:
        'Attestation could not finish: DNS did not answer for every hostname; try again later.',
      status: 'indeterminate',
      reasons: [expect.objectContaining({ code: 'lookup-failed', domain: PAIR[1] })],
      type: { code: 'e', name: 'mirrornames' },
      hostnames: [...PAIR],
      ignoredRecords: [],
    });
    expect(body.errorMessage).toEqual(expect.stringContaining(PAIR[1]));
    expect(body).not.toHaveProperty('records');
    expect(store.records.size).toBe(0);
    expect(metrics.events[0]).toMatchObject({ value: 'indeterminate' });
  });

  it('answers a group without its symmetry as invalid without looking anything up', async () => {
    const { app, resolver } = setup(validPair);
    const response = await app.request(
      '/api/v1/attest',
      postJson({ owner: OWNER, type: 'palindrome', domains: ['example.com'] }),
    );
    expect(await response.json()).toMatchObject({
      status: 'invalid',
      reasons: [expect.objectContaining({ code: 'symmetry-failed' })],
    });
    expect(resolver.lookups).toEqual([]);
  });

  it('refuses with 400 what the engine refuses even when the schema let it through', async () => {
    // 250 characters: a valid hostname, but _suns.<it> is longer than a DNS name may be.
    const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(6)}`;
    const palindrome = `${long}.${[...long].reverse().join('')}`.slice(0, 250);
    const { app, resolver } = setup();
    const response = await app.request(
      '/api/v1/attest',
      postJson({ owner: OWNER, type: 'a', domains: [palindrome] }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field: 'domains[0]', code: 'domain-invalid' });
    expect(resolver.lookups).toEqual([]);
  });
});

describe('body handling', () => {
  it('answers 415 unless the body is application/json in UTF-8', async () => {
    const { app } = setup();
    for (const contentType of ['text/plain', 'application/json; charset=latin1', undefined]) {
      const response = await app.request('/api/v1/attest', {
        method: 'POST',
        headers: contentType ? { 'Content-Type': contentType } : {},
        body: JSON.stringify(pairBody),
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ field: null, code: 'content-type' });
    }
    const ok = await app.request('/api/v1/attest', {
      method: 'POST',
      headers: { 'Content-Type': 'Application/JSON; charset="UTF-8"' },
      body: JSON.stringify({ ...pairBody, type: 'nonsense' }),
    });
    expect(ok.status).toBe(400);
  });

  it('answers 413 past 16 KiB, whatever Content-Length says', async () => {
    const { app } = setup();
    const big = JSON.stringify({ ...pairBody, owner: 'x'.repeat(17 * 1024) });
    const declared = await app.request('/api/v1/attest', postJson(big));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: 'body-too-large', field: null });
    const streamed = await app.request('/api/v1/attest', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const exactly = JSON.stringify({ ...pairBody, owner: 'x' }).padEnd(16 * 1024, ' ');
    expect((await app.request('/api/v1/attest', postJson(exactly))).status).not.toBe(413);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client spent its requests, and counts clients apart', async () => {
    const { app, advance, metrics } = setup(validPair, {
      rateLimit: { count: 2, windowSeconds: 60 },
    });
    const send = (client: string, body: unknown = pairBody) =>
      app.request('/api/v1/attest', postJson(body, { 'x-test-client': client }));
    expect((await send('a')).status).toBe(200);
    // Refused input costs no DNS and is not counted.
    expect((await send('a', { ...pairBody, type: 'x' })).status).toBe(400);
    advance(15_000);
    expect((await send('a')).status).toBe(200);
    const limited = await send('a');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(await limited.json()).toMatchObject({ code: 'rate-limited', field: null });
    expect((await send('b')).status).toBe(200);
    advance(45_000);
    expect((await send('a')).status).toBe(200);
    expect(metrics.events.filter((event) => event.name === 'rateLimited')).toEqual([
      { name: 'rateLimited', value: 'attest' },
    ]);
  });
});

describe('CORS', () => {
  const origin = 'https://suns.example';

  it('answers any origin by default, without credentials, on every public route', async () => {
    const { app } = setup(validPair, { siteOrigins: undefined });
    const tool = 'https://a-tool.example';
    const preflight = await app.request('/api/v1/withdraw', {
      method: 'OPTIONS',
      headers: {
        Origin: tool,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const answers = [
      await app.request('/api/v1/attest', postJson(pairBody, { Origin: tool })),
      await app.request(`/api/v1/groups/${encodeURIComponent(PAIR_ID)}`, {
        headers: { Origin: tool },
      }),
      await app.request('/api/v1/withdraw', postJson(pairBody, { Origin: tool })),
      await app.request('/api/v1/nothing', { headers: { Origin: tool } }),
    ];
    expect(answers.map((response) => response.status)).toEqual([200, 200, 409, 404]);
    for (const response of answers) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
    }
  });

  it('answers a preflight from the site origin', async () => {
    const { app } = setup({}, { siteOrigins: [origin] });
    const response = await app.request('/api/v1/attest', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'content-type',
    );
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('does not allow other origins', async () => {
    const { app } = setup({}, { siteOrigins: [origin] });
    const response = await app.request('/api/v1/health', {
      headers: { Origin: 'https://evil.example' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the site read Retry-After and the request id on a 429', async () => {
    const { app } = setup(validPair, {
      siteOrigins: [origin],
      rateLimit: { count: 1, windowSeconds: 60 },
    });
    await app.request('/api/v1/attest', postJson(pairBody, { Origin: origin }));
    const response = await app.request('/api/v1/attest', postJson(pairBody, { Origin: origin }));
    expect(response.status).toBe(429);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-expose-headers')?.split(',')).toEqual([
      'Retry-After',
      'X-Request-Id',
    ]);
    expect(response.headers.get('vary')).toContain('Origin');
  });
});

describe('POST /api/v1/withdraw', () => {
  async function attested(claims: Record<string, StaticClaimEntry>) {
    const context = setup(validPair);
    await context.app.request('/api/v1/attest', postJson(pairBody));
    const app = createApp({
      resolver: createStaticClaimResolver(claims),
      store: context.store,
      logger: createMemoryLogger(),
      metrics: createMemoryMetrics(),
      now: () => T0,
    });
    return { app, store: context.store };
  }

  it('removes the group once no hostname carries its claim', async () => {
    const { app, store } = await attested({ [PAIR[0]]: ['v1:unrelated'] });
    const response = await app.request('/api/v1/withdraw', postJson(pairBody));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ withdrawn: true, groupId: PAIR_ID, deleted: 2 });
    expect(store.records.size).toBe(0);
  });

  it('answers 409 while a claim remains and keeps the group', async () => {
    const { app, store } = await attested({ [PAIR[1]]: [PAIR_ID] });
    const response = await app.request('/api/v1/withdraw', postJson(pairBody));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      code: 'claims-remain',
      reasons: [{ code: 'claim-present', domain: PAIR[1] }],
    });
    expect(store.records.size).toBe(2);
  });

  it('answers 503 with Retry-After when DNS fails, and keeps the group', async () => {
    const { app, store } = await attested({ [PAIR[1]]: { error: 'servfail' } });
    const response = await app.request('/api/v1/withdraw', postJson(pairBody));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toMatchObject({
      code: 'indeterminate',
      reasons: [{ code: 'lookup-failed', domain: PAIR[1] }],
    });
    expect(store.records.size).toBe(2);
  });

  it('answers 404 without any lookup when nothing is stored', async () => {
    const { app, resolver } = setup();
    const response = await app.request('/api/v1/withdraw', postJson(pairBody));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'group-not-found', groupId: PAIR_ID });
    expect(resolver.lookups).toEqual([]);
  });
});

describe('GET /api/v1/groups/{groupId}', () => {
  it('returns the stored records, with the ID percent-encoded or not', async () => {
    const { app } = setup({ [FLIP]: [FLIP_ID] });
    await app.request(
      '/api/v1/attest',
      postJson({ owner: OWNER, type: 'flip180', domains: [FLIP] }),
    );
    for (const path of [encodeURIComponent(FLIP_ID), FLIP_ID]) {
      const response = await app.request(`/api/v1/groups/${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        groupId: FLIP_ID,
        records: [
          {
            owner: OWNER,
            type: 'b',
            hostname: FLIP,
            groupId: FLIP_ID,
            validateTime: T0.toISOString(),
            rev: 1,
          },
        ],
      });
    }
  });

  it('answers 404 for a group that is not stored and 400 for what is not a group ID', async () => {
    const { app } = setup();
    const missing = await app.request(`/api/v1/groups/${encodeURIComponent(PAIR_ID)}`);
    expect(missing.status).toBe(404);
    const bad = await app.request('/api/v1/groups/not-an-id');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'groupId', code: 'groupid-invalid' });
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('describes the request with the schema that checks it, and every reference resolves', async () => {
    const { app } = setup();
    const response = await app.request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.schemas.GroupRequest).toEqual(groupRequestSchema.json);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/attest',
      '/api/v1/groups/{groupId}',
      '/api/v1/health',
      '/api/v1/openapi.json',
      '/api/v1/withdraw',
    ]);
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      const name = ref.slice('"$ref":"#/components/schemas/'.length, -1);
      expect(document.components.schemas).toHaveProperty(name);
    }
  });

  it('documents the 503 with Retry-After and the 500 on every route that reads or writes the table', async () => {
    const { app } = setup();
    type Responses = Record<string, { headers?: Record<string, unknown>; description: string }>;
    const document = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Responses }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const routes: Array<[string, string]> = [
      ['/api/v1/attest', 'post'],
      ['/api/v1/withdraw', 'post'],
      ['/api/v1/groups/{groupId}', 'get'],
    ];
    for (const [path, method] of routes) {
      const responses = document.paths[path]![method]!.responses;
      expect(responses['503']?.headers, path).toHaveProperty('Retry-After');
      expect(responses['503']?.description, path).toContain('store-unavailable');
      expect(responses['500']?.description, path).toContain('request id');
    }
    expect(document.paths['/api/v1/health']!.get!.responses).not.toHaveProperty('503');
    // Attest's indeterminate is a 503 too, and its 200 no longer promises one.
    const attest = document.paths['/api/v1/attest']!.post!.responses;
    expect(attest['503']?.description).toContain('`indeterminate`');
    expect(attest['200']?.headers).toBeUndefined();
    expect(JSON.stringify(attest['503'])).toContain('#/components/schemas/AttestIndeterminate');
    const { AttestResponse, Problem } = document.components.schemas;
    expect(AttestResponse!.properties.groupIdCount).toMatchObject({
      type: 'integer',
      description: 'How many of the hostnames carry `expectedId` in their claims.',
    });
    // The fields the withdrawal's error answers add beside error, field and code.
    expect(Object.keys(Problem!.properties).sort()).toEqual([
      'code',
      'deleted',
      'error',
      'field',
      'groupId',
      'reasons',
      'status',
    ]);
  });
});

describe('every error answer', () => {
  it('carries an `error` string (what existing clients read) beside field and code', async () => {
    const failing: GroupStore = {
      saveAttested: async () => {
        throw new Error('bug');
      },
      readGroup: async () => [],
      deleteGroup: async () => ({ deleted: 0, conflicts: 0 }),
    };
    const { app } = setup(validPair, { rateLimit: { count: 1, windowSeconds: 60 } });
    const broken = setup(validPair, { store: failing }).app;
    const answers = [
      await app.request('/api/v1/attest', postJson('{')),
      await app.request('/api/v1/attest', postJson({ ...pairBody, type: 'x' })),
      await app.request('/api/v1/attest', { method: 'POST', body: '{}' }),
      await app.request('/api/v1/attest', postJson('x'.repeat(17 * 1024))),
      await app.request('/api/v1/attest'),
      await app.request('/api/v1/groups/not-an-id'),
      await app.request('/api/v1/groups/%E0%A4%A'),
      await app.request(`/api/v1/groups/${encodeURIComponent(PAIR_ID)}`),
      await app.request('/api/v1/withdraw', postJson(pairBody)),
      await app.request('/api/v1/withdraw', postJson(pairBody)),
      await app.request('/nowhere'),
      await broken.request('/api/v1/attest', postJson(pairBody)),
    ];
    expect(answers.map((response) => response.status)).toEqual([
      400, 400, 415, 413, 405, 400, 400, 404, 404, 429, 404, 500,
    ]);
    for (const response of answers) {
      const body = (await response.json()) as Record<string, unknown>;
      expect(typeof body.error, JSON.stringify(body)).toBe('string');
      expect((body.error as string).length).toBeGreaterThan(10);
      expect(body).toHaveProperty('code');
      expect(body).toHaveProperty('field');
      expect(JSON.stringify(body)).not.toMatch(/\bat .+:\d+:\d+/);
    }
  });
});

describe('a store that cannot answer now', () => {
  const unavailable = () =>
    new HttpApiError(
      'store.unavailable',
      'the table did not answer: ThrottlingException: slow down',
      {
        cause: Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
          name: 'ThrottlingException',
        }),
      },
    );
  const down: GroupStore = {
    saveAttested: async () => {
      throw unavailable();
    },
    readGroup: async () => {
      throw unavailable();
    },
    deleteGroup: async () => ({ deleted: 0, conflicts: 0 }),
  };

  it('answers 503 with Retry-After and a JSON error on attest and group reads, and warns without a stack', async () => {
    const { app, logger, metrics } = setup(validPair, {
      store: down,
      storeRetryAfterSeconds: 7,
      siteOrigins: ['*'],
    });
    const responses = [
      await app.request('/api/v1/attest', postJson(pairBody, { Origin: 'https://x.example' })),
      await app.request(`/api/v1/groups/${encodeURIComponent(PAIR_ID)}`),
      await app.request('/api/v1/withdraw', postJson(pairBody)),
    ];
    for (const response of responses) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({
        error:
          'the record store is busy or failing; a group is always stored entirely or not at all, so try again in 7 s',
        field: null,
        code: 'store-unavailable',
      });
    }
    expect(responses[0]!.headers.get('access-control-allow-origin')).toBe('*');
    const warnings = logger.lines.filter((line) => line.message === 'store unavailable');
    expect(warnings.map((line) => [line.level, line.route])).toEqual([
      ['WARN', 'attest'],
      ['WARN', 'groups'],
      ['WARN', 'withdraw'],
    ]);
    expect(warnings[0]).toMatchObject({
      error: {
        name: 'ThrottlingException',
        message: 'Rate of requests exceeds the allowed throughput.',
      },
    });
    expect(JSON.stringify(logger.lines)).not.toContain('stack');
    // An answer given on purpose: the request lines are warnings, not errors.
    expect(
      logger.lines.filter((line) => line.message === 'request').map((line) => line.level),
    ).toEqual(['WARN', 'WARN', 'WARN']);
    expect(metrics.events.filter((event) => event.name === 'storeUnavailable')).toHaveLength(3);
  });

  it('answers 503 with what was removed when a withdrawal could not finish', async () => {
    const context = setup(validPair);
    await context.app.request('/api/v1/attest', postJson(pairBody));
    const halfway: GroupStore = {
      ...context.store,
      deleteGroup: async () => ({
        deleted: 1,
        conflicts: 0,
        unavailable: { count: 1, failure: new Error('socket hang up') },
      }),
    };
    const { app } = setup({}, { store: halfway });
    const response = await app.request('/api/v1/withdraw', postJson(pairBody));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({
      code: 'store-unavailable',
      groupId: PAIR_ID,
      deleted: 1,
    });
  });
});

describe('a rate limit whose shared store failed', () => {
  it("lets the request through on this instance's count, logging and counting the failure", async () => {
    const { app, logger, metrics } = setup(validPair, {
      rateLimit: {
        take: async () => ({
          allowed: true,
          remaining: 9,
          storeFailure: { name: 'ThrottlingException', message: 'slow down' },
        }),
      },
    });
    const response = await app.request('/api/v1/attest', postJson(pairBody));
    expect(response.status).toBe(200);
    expect(logger.lines.find((line) => line.level === 'WARN')).toMatchObject({
      message: 'rate limit store unavailable; counted in this instance',
      route: 'attest',
      error: { name: 'ThrottlingException', message: 'slow down' },
    });
    expect(metrics.events.map((event) => event.name)).toEqual(['rateLimitStoreFailed', 'attest']);
  });
});
