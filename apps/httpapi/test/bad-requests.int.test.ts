import { calculateGroupIdV1 } from '@symval/groupid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OWNER, PAIR, PAIR_ID } from './support/fixtures.js';
import { type ApiHarness, startApiHarness } from './support/harness.js';

// Every name in these requests resolves, with a valid claim where one could exist: if any
// request got as far as DNS, the query log would show it.
const palindrome = 'zb.snus.suns.bz';
const zones = {
  [`_suns.${PAIR[0]}`]: { txt: [PAIR_ID] },
  [`_suns.${PAIR[1]}`]: { txt: [PAIR_ID] },
  [`_suns.${palindrome}`]: { txt: [calculateGroupIdV1(OWNER, 'a', [palindrome])] },
};

const good = { owner: OWNER, type: 'mirrornames', domains: [...PAIR] };
const long = (n: number) => 'x'.repeat(n);
// 250 characters in labels of 63 or fewer: a hostname, but _suns.<it> would exceed 253.
const tooLongForClaim = `${long(63)}.${long(63)}.${long(63)}.${long(59)}`;

interface Row {
  name: string;
  method?: string;
  path?: string;
  body?: unknown;
  /** A raw body, sent as is. */
  raw?: string;
  contentType?: string | null;
  status: number;
  field: string | null;
  code: string;
}

const rows: Row[] = [
  { name: 'malformed JSON', raw: '{"owner":', status: 400, field: null, code: 'body-json' },
  { name: 'an empty body', raw: '', status: 400, field: null, code: 'body-json' },
  { name: 'bytes that are not UTF-8', raw: '\uFFFD', status: 400, field: null, code: 'body-json' },
  { name: 'JSON null', raw: 'null', status: 400, field: null, code: 'body-type' },
  { name: 'a JSON array', body: [good], status: 400, field: null, code: 'body-type' },
  { name: 'a JSON string', body: 'attest me', status: 400, field: null, code: 'body-type' },
  {
    name: 'no owner',
    body: { type: 'e', domains: [...PAIR] },
    status: 400,
    field: 'owner',
    code: 'field-missing',
  },
  {
    name: 'no type',
    body: { owner: OWNER, domains: [...PAIR] },
    status: 400,
    field: 'type',
    code: 'field-missing',
  },
  {
    name: 'no domains',
    body: { owner: OWNER, type: 'e' },
    status: 400,
    field: 'domains',
    code: 'field-missing',
  },
  {
    name: 'an unknown field',
    body: { ...good, admin: true },
    status: 400,
    field: 'admin',
    code: 'field-unknown',
  },
  {
    name: 'an owner that is a number',
    body: { ...good, owner: 42 },
    status: 400,
    field: 'owner',
    code: 'field-type',
  },
  {
    name: 'an empty owner',
    body: { ...good, owner: '' },
    status: 400,
    field: 'owner',
    code: 'field-length',
  },
  {
    name: 'an owner of 513 characters',
    body: { ...good, owner: long(513) },
    status: 400,
    field: 'owner',
    code: 'field-length',
  },
  {
    name: 'an owner with NUL',
    body: { ...good, owner: 'me\u0000' },
    status: 400,
    field: 'owner',
    code: 'field-pattern',
  },
  {
    name: 'an owner with a newline',
    body: { ...good, owner: 'https://me.example\n' },
    status: 400,
    field: 'owner',
    code: 'field-pattern',
  },
  {
    name: 'an owner with a C1 control',
    body: { ...good, owner: 'me\u0085' },
    status: 400,
    field: 'owner',
    code: 'field-pattern',
  },
  {
    name: 'an owner with a lone surrogate',
    raw: '{"owner":"me\\ud800","type":"e","domains":["me.example.com","com.example.me"]}',
    status: 400,
    field: 'owner',
    code: 'field-pattern',
  },
  {
    name: 'a type that is a number',
    body: { ...good, type: 5 },
    status: 400,
    field: 'type',
    code: 'field-type',
  },
  {
    name: 'an empty type',
    body: { ...good, type: '' },
    status: 400,
    field: 'type',
    code: 'field-length',
  },
  {
    name: 'an unknown type',
    body: { ...good, type: 'sideways' },
    status: 400,
    field: 'type',
    code: 'type-unknown',
  },
  {
    name: 'domains as a string',
    body: { ...good, domains: PAIR[0] },
    status: 400,
    field: 'domains',
    code: 'field-type',
  },
  {
    name: 'no domains at all',
    body: { ...good, domains: [] },
    status: 400,
    field: 'domains',
    code: 'field-count',
  },
  {
    name: 'three domains',
    body: { ...good, domains: [...PAIR, 'x.example'] },
    status: 400,
    field: 'domains',
    code: 'field-count',
  },
  {
    name: 'a domain that is a number',
    body: { ...good, domains: [PAIR[0], 7] },
    status: 400,
    field: 'domains[1]',
    code: 'field-type',
  },
  {
    name: 'an empty domain',
    body: { ...good, domains: ['', PAIR[1]] },
    status: 400,
    field: 'domains[0]',
    code: 'field-length',
  },
  {
    name: 'one hostname for a pair type',
    body: { ...good, domains: [PAIR[0]] },
    status: 400,
    field: 'domains',
    code: 'domain-count',
  },
  {
    name: 'two hostnames for a single type',
    body: { owner: OWNER, type: 'a', domains: [palindrome, 'a.example'] },
    status: 400,
    field: 'domains',
    code: 'domain-count',
  },
  {
    name: 'a hostname with a space',
    body: { ...good, domains: ['me example.com', PAIR[1]] },
    status: 400,
    field: 'domains[0]',
    code: 'domain-invalid',
  },
  {
    name: 'a label of 64 characters',
    body: { ...good, domains: [PAIR[0], `${long(64)}.example`] },
    status: 400,
    field: 'domains[1]',
    code: 'domain-invalid',
  },
  {
    name: 'an IP address',
    body: { owner: OWNER, type: 'a', domains: ['121.0.0.121'] },
    status: 400,
    field: 'domains[0]',
    code: 'domain-invalid',
  },
  {
    name: 'a single label',
    body: { owner: OWNER, type: 'a', domains: ['level'] },
    status: 400,
    field: 'domains[0]',
    code: 'domain-invalid',
  },
  {
    name: 'a hostname with an underscore claim prefix',
    body: { owner: OWNER, type: 'a', domains: ['_suns.zb.snus.suns.bz'] },
    status: 400,
    field: 'domains[0]',
    code: 'domain-invalid',
  },
  {
    name: 'the same hostname twice after normalisation',
    body: { ...good, domains: ['Me.Example.com.', PAIR[0]] },
    status: 400,
    field: 'domains[1]',
    code: 'domain-duplicate',
  },
  {
    name: 'a hostname too long for its _suns name',
    body: { owner: OWNER, type: 'a', domains: [tooLongForClaim] },
    status: 400,
    field: 'domains[0]',
    code: 'domain-invalid',
  },
  {
    name: 'text/plain',
    body: good,
    contentType: 'text/plain',
    status: 415,
    field: null,
    code: 'content-type',
  },
  {
    name: 'form encoding',
    raw: 'owner=me&type=e',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    field: null,
    code: 'content-type',
  },
  {
    name: 'no Content-Type',
    body: good,
    contentType: null,
    status: 415,
    field: null,
    code: 'content-type',
  },
  {
    name: 'a body over 16 KiB',
    body: { ...good, owner: long(17_000) },
    status: 413,
    field: null,
    code: 'body-too-large',
  },
  { name: 'GET on attest', method: 'GET', status: 405, field: null, code: 'method-not-allowed' },
  {
    name: 'DELETE on withdraw',
    method: 'DELETE',
    path: '/api/v1/withdraw',
    status: 405,
    field: null,
    code: 'method-not-allowed',
  },
  {
    name: 'an unknown path',
    path: '/api/v1/attestation',
    body: good,
    status: 404,
    field: null,
    code: 'not-found',
  },
  {
    name: 'withdraw with an unknown type',
    path: '/api/v1/withdraw',
    body: { ...good, type: 'q' },
    status: 400,
    field: 'type',
    code: 'type-unknown',
  },
  {
    name: 'withdraw with malformed JSON',
    path: '/api/v1/withdraw',
    raw: '{',
    status: 400,
    field: null,
    code: 'body-json',
  },
  {
    name: 'a group ID that is not one',
    method: 'GET',
    path: '/api/v1/groups/not-a-group-id',
    status: 400,
    field: 'groupId',
    code: 'groupid-invalid',
  },
  {
    name: 'a group ID with a bad hash',
    method: 'GET',
    path: `/api/v1/groups/${encodeURIComponent(PAIR_ID.replace(/=$/, 'A'))}`,
    status: 400,
    field: 'groupId',
    code: 'groupid-invalid',
  },
];

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness(zones);
});
afterAll(() => api.stop());
beforeEach(() => api.dns.clearQueries());

function requestOf(row: Row): RequestInit {
  const method = row.method ?? 'POST';
  if (method === 'GET' || method === 'HEAD') return { method };
  const headers: Record<string, string> = {};
  if (row.contentType !== null) headers['Content-Type'] = row.contentType ?? 'application/json';
  const body =
    row.raw === '\uFFFD'
      ? new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])
      : (row.raw ?? JSON.stringify(row.body));
  // A string body would get Content-Type text/plain from fetch; bytes get none.
  return {
    method,
    headers,
    body: row.contentType === null ? new TextEncoder().encode(String(body)) : body,
  };
}

describe('bad requests', () => {
  it('has at least 30 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  it.each(rows)(
    'refuses $name with $status at $field, writing nothing and asking DNS nothing',
    async (row) => {
      const response = await api.app.request(row.path ?? '/api/v1/attest', requestOf(row));
      expect(response.status).toBe(row.status);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      const body = (await response.json()) as { error: unknown; field: unknown; code: unknown };
      expect({ field: body.field, code: body.code }).toEqual({ field: row.field, code: row.code });
      expect(typeof body.error).toBe('string');
      expect(await api.scanTable()).toEqual([]);
      expect(api.dns.queries).toEqual([]);
    },
  );

  it('still answers a good request, so the rows above were refused for their own fault', async () => {
    const response = await api.app.request('/api/v1/attest', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(good),
    });
    expect(await response.json()).toMatchObject({ status: 'valid' });
    expect(api.dns.queries).toHaveLength(2);
    expect(await api.scanTable()).toHaveLength(2);
  });
});
