import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { reattestationViewer } from '@symval/records';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AttestResponse } from '../src/routes/attest.js';
import { OWNER, PAIR, PAIR_ID, postJson } from './support/fixtures.js';
import { type ApiHarness, startApiHarness } from './support/harness.js';

let api: ApiHarness;
const claims = () => ({
  [`_suns.${PAIR[0]}`]: { txt: [PAIR_ID, 'google-site-verification=abc'] },
  [`_suns.${PAIR[1]}`]: { txt: [PAIR_ID] },
});
const body = { owner: OWNER, type: 'e', domains: [...PAIR] };
const attest = async (payload: unknown = body) => {
  const response = await api.app.request('/api/v1/attest', postJson(payload));
  return { response, json: (await response.json()) as AttestResponse };
};
const txtQueries = () => api.dns.queries.map((q) => `${q.type} ${q.name.toLowerCase()}`).sort();

beforeAll(async () => {
  api = await startApiHarness(claims());
});
afterAll(() => api.stop());
beforeEach(async () => {
  api.dns.setZones(claims());
  api.dns.clearQueries();
  for (const item of await api.scanTable()) {
    const { pk, sk } = item as { pk: { S: string }; sk: { S: string } };
    await api.records
      .as(reattestationViewer())
      .deleteIfUnchanged(
        { groupId: pk.S, hostname: sk.S },
        Number((item as { Rev: { N: string } }).Rev.N),
      );
  }
});

describe('attest over DNS into DynamoDB Local', () => {
  it('stores a valid group in the Go item shape with one DNS query per hostname', async () => {
    const { response, json } = await attest();
    expect(response.status).toBe(200);
    expect(json).toMatchObject({
      isValid: true,
      status: 'valid',
      expectedId: PAIR_ID,
      groupIdCount: 2,
    });
    expect(json.ignoredRecords).toEqual([
      { domain: PAIR[0], record: 'google-site-verification=abc' },
    ]);
    expect(txtQueries()).toEqual([`TXT _suns.${PAIR[1]}`, `TXT _suns.${PAIR[0]}`].sort());
    const raw = await api.client.send(
      new GetItemCommand({
        TableName: api.tableName,
        Key: { pk: { S: PAIR_ID }, sk: { S: PAIR[0] } },
        ConsistentRead: true,
      }),
    );
    expect(raw.Item).toEqual({
      pk: { S: PAIR_ID },
      sk: { S: PAIR[0] },
      Owner: { S: OWNER },
      Type: { S: 'e' },
      ValidateTime: { S: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/) },
      Rev: { N: '1' },
    });
    // The same instant as the answer says; the answer writes it as Go does (trailing zeros of
    // the fraction dropped), the table with three fraction digits: both RFC 3339.
    expect(Date.parse(raw.Item!.ValidateTime!.S!)).toBe(Date.parse(json.records![0]!.validateTime));
    expect(json.records!.map((r) => [r.hostname, r.rev])).toEqual([
      [PAIR[1], 1],
      [PAIR[0], 1],
    ]);
  });

  it('adds one to Rev when the group is attested again, and GET shows it at once', async () => {
    await attest();
    await attest();
    const response = await api.app.request(`/api/v1/groups/${encodeURIComponent(PAIR_ID)}`);
    expect(response.status).toBe(200);
    const group = (await response.json()) as { records: Array<{ hostname: string; rev: number }> };
    expect(group.records.map((r) => [r.hostname, r.rev])).toEqual([
      [PAIR[1], 2],
      [PAIR[0], 2],
    ]);
  });

  it('writes nothing for a missing claim', async () => {
    api.dns.setRecord(`_suns.${PAIR[1]}`, undefined);
    const { json } = await attest();
    expect(json).toMatchObject({ isValid: false, status: 'invalid' });
    expect(json.reasons).toEqual([
      expect.objectContaining({ code: 'missing-claim', domain: PAIR[1] }),
    ]);
    expect(await api.scanTable()).toEqual([]);
    expect(api.dns.queries).toHaveLength(2);
  });

  it('answers indeterminate with 503 and Retry-After on SERVFAIL and on silence, as withdraw does, writing nothing', async () => {
    api.dns.setRecord(`_suns.${PAIR[1]}`, { behaviour: 'servfail' });
    const servfail = await attest();
    api.dns.setRecord(`_suns.${PAIR[1]}`, { behaviour: 'silent' });
    const silent = await attest();
    for (const { response, json } of [servfail, silent]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('30');
      // Every attestation field old clients read, and the error fields of the other 503s.
      expect(json).toMatchObject({
        error: expect.stringContaining('DNS did not answer for every hostname'),
        field: null,
        code: 'indeterminate',
        isValid: false,
        expectedId: PAIR_ID,
        groupIdCount: 1,
        errorMessage: expect.stringContaining(PAIR[1]),
        message: expect.stringContaining('DNS did not answer'),
        status: 'indeterminate',
        reasons: [expect.objectContaining({ code: 'lookup-failed', domain: PAIR[1] })],
        type: { code: 'e', name: 'mirrornames' },
        hostnames: [...PAIR],
        ignoredRecords: [{ domain: PAIR[0], record: 'google-site-verification=abc' }],
      });
      expect(json).not.toHaveProperty('records');
    }
    expect(await api.scanTable()).toEqual([]);
  });

  it('makes no query at all for a group without its symmetry', async () => {
    const { json } = await attest({ owner: OWNER, type: 'flip180', domains: [PAIR[0]] });
    expect(json.reasons[0]?.code).toBe('symmetry-failed');
    expect(api.dns.queries).toEqual([]);
  });
});

describe('withdraw', () => {
  const withdraw = () => api.app.request('/api/v1/withdraw', postJson(body));

  it('refuses while a claim remains, then removes the group once the TXT records are gone', async () => {
    await attest();
    api.dns.setRecord(`_suns.${PAIR[0]}`, undefined);
    const early = await withdraw();
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({
      code: 'claims-remain',
      reasons: [{ code: 'claim-present', domain: PAIR[1] }],
    });
    expect(await api.scanTable()).toHaveLength(2);

    api.dns.setRecord(`_suns.${PAIR[1]}`, { txt: ['v1:something-else'] });
    api.dns.clearQueries();
    const done = await withdraw();
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ withdrawn: true, deleted: 2, groupId: PAIR_ID });
    expect(await api.scanTable()).toEqual([]);
    expect(api.dns.queries).toHaveLength(2);
    const gone = await api.app.request(`/api/v1/groups/${encodeURIComponent(PAIR_ID)}`);
    expect(gone.status).toBe(404);
  });

  it('takes a failed lookup as no proof: 503, nothing removed', async () => {
    await attest();
    api.dns.setRecord(`_suns.${PAIR[0]}`, undefined);
    api.dns.setRecord(`_suns.${PAIR[1]}`, { behaviour: 'servfail' });
    const response = await withdraw();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toMatchObject({ code: 'indeterminate', status: 'indeterminate' });
    expect(await api.scanTable()).toHaveLength(2);
  });

  it('answers 404 with no DNS query for a group that is not stored', async () => {
    const response = await withdraw();
    expect(response.status).toBe(404);
    expect(api.dns.queries).toEqual([]);
  });
});
