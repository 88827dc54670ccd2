import { calculateGroupIdV1 } from '@symval/groupid';
import {
  type FaultProxy,
  type HttpFault,
  type HttpFaultRule,
  startFaultProxy,
} from '@symval/local-services';
import { describe, expect, inject, it } from 'vitest';
import { API_DYNAMODB_CLIENT_CONFIG } from '../src/app/production.js';
import type { AttestResponse } from '../src/routes/attest.js';
import { postJson } from './support/fixtures.js';
import { startApiHarness } from './support/harness.js';

// The API with a fault proxy between it and DynamoDB Local: throttling in AWS's own shapes,
// 500s, resets and requests that never answer, as the real SDK (3 attempts) meets them.

const PAIR = ['me.example.com', 'com.example.me'] as const;
const SEED = Number(process.env.FAULT_SEED ?? 1812);

/** A group of its own per test (the owner differs), its claims served by the harness's DNS. */
function groupOf(owner: string) {
  const groupId = calculateGroupIdV1(owner, 'e', [...PAIR]);
  const body = { owner, type: 'mirrornames', domains: [...PAIR] };
  const claims = () => Object.fromEntries(PAIR.map((h) => [`_suns.${h}`, { txt: [groupId] }]));
  return { groupId, body, claims };
}

/** The API on DynamoDB Local through a fault proxy of its own (no faults until `setRules`). */
async function harness(
  owner: string,
  options: { client?: Record<string, unknown>; seed?: number; rules?: HttpFaultRule[] } = {},
) {
  const group = groupOf(owner);
  const proxy = await startFaultProxy({
    target: inject('dynamodb'),
    kind: 'dynamodb',
    seed: options.seed ?? SEED,
    rules: options.rules ?? [],
  });
  const api = await startApiHarness(
    group.claims(),
    { storeRetryAfterSeconds: 3 },
    { endpoint: proxy.endpoint, client: options.client ?? {} },
  );
  const send = {
    attest: () => api.app.request('/api/v1/attest', postJson(group.body)),
    read: () => api.app.request(`/api/v1/groups/${encodeURIComponent(group.groupId)}`),
    withdraw: () => api.app.request('/api/v1/withdraw', postJson(group.body)),
  };
  // Read straight from DynamoDB Local, past the proxy.
  const stored = async () =>
    (await api.scanTable())
      .filter((item) => (item.pk as { S: string }).S === group.groupId)
      .map((item) => [(item.sk as { S: string }).S, Number((item.Rev as { N: string }).N)]);
  const stop = async () => {
    await api.stop();
    await proxy.stop();
  };
  return { api, proxy, group, send, stored, stop };
}

async function expectUnavailable(response: Response, proxy: FaultProxy): Promise<void> {
  expect(response.status, proxy.describe()).toBe(503);
  expect(response.headers.get('retry-after')).toBe('3');
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  expect(JSON.parse(text)).toMatchObject({
    error: expect.stringContaining('try again in 3 s'),
    field: null,
    code: 'store-unavailable',
  });
  expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules/);
}

const FAULTS: Array<[string, HttpFault, Record<string, unknown>]> = [
  ['ThrottlingException', { type: 'error', code: 'ThrottlingException' }, {}],
  [
    'ProvisionedThroughputExceededException',
    { type: 'error', code: 'ProvisionedThroughputExceededException' },
    {},
  ],
  ['InternalServerError (HTTP 500)', { type: 'error', code: 'InternalServerError' }, {}],
  ['a connection reset', { type: 'reset' }, {}],
  // The client must give up on a silent table: the API's own client settings do, after 3 s.
  ['no answer at all', { type: 'timeout' }, API_DYNAMODB_CLIENT_CONFIG],
];

describe.each(FAULTS.map((row, index) => [...row, index] as const))(
  'every DynamoDB request meeting %s',
  (_name, fault, client, index) => {
    it('gives 503 with Retry-After and a JSON error on attest, group reads and withdraw, writes no part of the group, and recovers', async () => {
      const { api, proxy, send, stored, stop } = await harness(
        `https://fault-${index}.faults.example`,
        { client },
      );
      try {
        proxy.setRules([{ match: '*', probability: 1, fault }]);
        await expectUnavailable(await send.attest(), proxy);
        await expectUnavailable(await send.read(), proxy);
        await expectUnavailable(await send.withdraw(), proxy);
        expect(await stored()).toEqual([]);
        expect(api.logger.lines.filter((line) => line.message === 'unhandled error')).toEqual([]);
        expect(
          api.metrics.events.filter((e) => e.name === 'storeUnavailable').map((e) => e.value),
        ).toEqual(['attest', 'groups', 'withdraw']);
        expect(proxy.stats.injected).toBeGreaterThanOrEqual(3);

        proxy.setRules([]);
        const attested = await send.attest();
        expect(attested.status).toBe(200);
        expect(((await attested.json()) as AttestResponse).status).toBe('valid');
        expect(await stored()).toEqual([
          [PAIR[1], 1],
          [PAIR[0], 1],
        ]);
        expect((await send.read()).status).toBe(200);
        for (const hostname of PAIR) api.dns.setRecord(`_suns.${hostname}`, undefined);
        expect((await send.withdraw()).status).toBe(200);
        expect(await stored()).toEqual([]);
      } finally {
        await stop();
      }
    });
  },
);

describe('faults that the SDK rides out, or that strike half-way', () => {
  it("answers 200 when the first attempts are throttled and the SDK's retry gets through", async () => {
    const { proxy, send, stored, stop } = await harness('https://retried.faults.example', {
      rules: [
        {
          match: 'TransactWriteItems',
          nth: [1, 2],
          fault: { type: 'error', code: 'ProvisionedThroughputExceededException' },
        },
      ],
    });
    try {
      const response = await send.attest();
      expect(response.status).toBe(200);
      expect(proxy.stats.byFault).toMatchObject({ ProvisionedThroughputExceededException: 2 });
      expect(await stored()).toEqual([
        [PAIR[1], 1],
        [PAIR[0], 1],
      ]);
    } finally {
      await stop();
    }
  });

  it('writes a group once when the transaction was applied and its answer lost: the retry carries the same token', async () => {
    const { proxy, send, stored, stop } = await harness('https://lost-answer.faults.example', {
      rules: [{ match: 'TransactWriteItems', nth: [1], fault: { type: 'reset', at: 'response' } }],
    });
    try {
      const response = await send.attest();
      expect(response.status, proxy.describe()).toBe(200);
      expect(proxy.log.map((entry) => entry.kind)).toEqual(['TransactWriteItems']);
      expect(await stored()).toEqual([
        [PAIR[1], 1],
        [PAIR[0], 1],
      ]);
    } finally {
      await stop();
    }
  });

  it('says how much of a withdrawal was done when one delete failed, and a second withdrawal finishes it', async () => {
    // One attempt per request, so the one faulted delete is not retried by the SDK.
    const { api, proxy, group, send, stored, stop } = await harness(
      'https://half-withdrawn.faults.example',
      { client: { maxAttempts: 1 } },
    );
    try {
      expect((await send.attest()).status).toBe(200);
      for (const hostname of PAIR) api.dns.setRecord(`_suns.${hostname}`, undefined);
      proxy.setRules([
        { match: 'DeleteItem', nth: [1], fault: { type: 'error', code: 'ThrottlingException' } },
      ]);
      const halfway = await send.withdraw();
      expect(halfway.status).toBe(503);
      expect(halfway.headers.get('retry-after')).toBe('3');
      expect(await halfway.json()).toMatchObject({
        code: 'store-unavailable',
        groupId: group.groupId,
        deleted: 1,
      });
      expect(await stored()).toHaveLength(1);

      proxy.setRules([]);
      const finished = await send.withdraw();
      expect(await finished.json()).toMatchObject({ withdrawn: true, deleted: 1 });
      expect(await stored()).toEqual([]);
    } finally {
      await stop();
    }
  });
});

describe('a random schedule of faults (seeded)', () => {
  const MIX: HttpFault[] = [
    { type: 'error', code: 'ThrottlingException' },
    { type: 'error', code: 'ProvisionedThroughputExceededException' },
    { type: 'error', code: 'InternalServerError' },
    { type: 'reset' },
    { type: 'reset', at: 'response' },
    { type: 'reset', at: 'body' },
  ];

  it.each([7, 1812])(
    'seed %i: every answer is 200, 404, 409 or 503 with Retry-After, and no group is ever half-written by an attest',
    async (seed) => {
      const owner = `https://seed-${seed}.faults.example`;
      const { api, proxy, group, send, stored, stop } = await harness(owner, {
        seed,
        rules: MIX.map((fault) => ({ match: '*', probability: 0.12, fault })),
      });
      const seen: Record<string, number> = {};
      try {
        for (let step = 0; step < 12; step++) {
          // Claims in place for three steps in four, so withdrawals sometimes go through.
          const zones = step % 4 === 3 ? {} : group.claims();
          for (const hostname of PAIR) {
            api.dns.setRecord(`_suns.${hostname}`, zones[`_suns.${hostname}`]);
          }
          const operation = (['attest', 'read', 'withdraw'] as const)[step % 3]!;
          const response = await send[operation]();
          const seenKey = `${operation} ${response.status}`;
          seen[seenKey] = (seen[seenKey] ?? 0) + 1;
          expect([200, 404, 409, 503], `${operation}: ${proxy.describe()}`).toContain(
            response.status,
          );
          if (response.status === 503) expect(response.headers.get('retry-after')).not.toBeNull();
          const body = (await response.json()) as { error?: unknown };
          if (response.status >= 400) expect(typeof body.error).toBe('string');
          if (operation === 'attest') {
            // One transaction: both hostnames or neither, at the same Rev.
            const items = await stored();
            expect([0, 2]).toContain(items.length);
            if (items.length === 2) expect(items[0]![1]).toBe(items[1]![1]);
          }
        }
        expect(api.logger.lines.filter((line) => line.message === 'unhandled error')).toEqual([]);
        expect(proxy.log.length, `seed ${seed}: ${JSON.stringify(seen)}`).toBeGreaterThan(0);
      } finally {
        await stop();
      }
    },
  );
});
