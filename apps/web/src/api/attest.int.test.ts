import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAnswer, type FixtureApi, startFixtureApi } from '../../test/support/fixture-api.js';
import { submitAttestation } from './attest.js';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi();
});

afterAll(async () => {
  await api?.close();
});

describe('submitAttestation against a loopback API', () => {
  it('posts the JSON body and reads the answer', async () => {
    api.answerWith(defaultAnswer);
    const outcome = await submitAttestation(api.url, {
      owner: 'https://example.blog',
      type: 'a',
      domains: ['etutitsni.elpmaxe.example.institute'],
    });
    expect(api.received.at(-1)).toEqual({
      owner: 'https://example.blog',
      type: 'a',
      domains: ['etutitsni.elpmaxe.example.institute'],
    });
    expect(outcome).toMatchObject({
      kind: 'answer',
      status: 'valid',
      expectedId:
        'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=',
    });
  });

  it('reads Retry-After from a 429', async () => {
    api.answerWith(() => ({
      status: 429,
      body: { error: 'busy' },
      headers: { 'retry-after': '3' },
    }));
    expect(
      await submitAttestation(api.url, { owner: 'o', type: 'a', domains: ['a.example'] }),
    ).toEqual({ kind: 'too-many', retryAfterSeconds: 3 });
  });

  it('gives a failure, not an exception, when nothing listens', async () => {
    const outcome = await submitAttestation('http://127.0.0.1:9/', {
      owner: 'o',
      type: 'a',
      domains: ['a.example'],
    });
    expect(outcome).toEqual({
      kind: 'failed',
      message: 'the API could not be reached; check your connection and try again',
    });
  });
});
