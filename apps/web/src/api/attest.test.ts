import { describe, expect, it } from 'vitest';
import { attestUrl, parseAttestResponse, parseRetryAfter } from './attest.js';

describe('parseAttestResponse', () => {
  it('reads a full answer with reasons', () => {
    expect(
      parseAttestResponse(200, null, {
        isValid: false,
        expectedId: 'v1:a:x:y',
        groupIdCount: 0,
        errorMessage: 'no claims',
        message: 'Attestation FAILED',
        status: 'invalid',
        reasons: [
          { code: 'claim.missing', domain: 'a.example', message: 'no TXT record' },
          { code: 'x', message: 'm' },
        ],
        records: [{}],
      }),
    ).toEqual({
      kind: 'answer',
      status: 'invalid',
      isValid: false,
      message: 'Attestation FAILED',
      expectedId: 'v1:a:x:y',
      groupIdCount: 0,
      errorMessage: 'no claims',
      reasons: [
        { code: 'claim.missing', domain: 'a.example', message: 'no TXT record' },
        { code: 'x', domain: null, message: 'm' },
      ],
      retryAfterSeconds: null,
    });
  });

  it('reads an undecided answer as the API gives it (503, as withdraw) and as older APIs did (200)', () => {
    const body = {
      error: 'DNS did not answer for every hostname, so the claims are unknown; nothing was stored',
      field: null,
      code: 'indeterminate',
      isValid: false,
      expectedId: 'v1:a:x:y',
      groupIdCount: 0,
      message: 'Attestation could not finish',
      status: 'indeterminate',
      reasons: [{ code: 'lookup-failed', domain: 'a.example', message: 'timed out' }],
    };
    for (const status of [200, 503]) {
      expect(parseAttestResponse(status, '20', body)).toMatchObject({
        kind: 'answer',
        status: 'indeterminate',
        isValid: false,
        retryAfterSeconds: 20,
        reasons: [{ code: 'lookup-failed', domain: 'a.example', message: 'timed out' }],
      });
    }
    expect(
      parseAttestResponse(503, null, { code: 'indeterminate', error: 'DNS did not answer' }),
    ).toMatchObject({
      kind: 'answer',
      status: 'indeterminate',
      errorMessage: 'DNS did not answer',
    });
  });

  it('reads an older answer without status from isValid', () => {
    const outcome = parseAttestResponse(200, null, {
      isValid: true,
      expectedId: 'v1',
      groupIdCount: 1,
      message: 'ok',
    });
    expect(outcome).toMatchObject({ kind: 'answer', status: 'valid', reasons: [] });
  });

  it('drops fields of the wrong type and reasons without a message, and cuts long text', () => {
    const outcome = parseAttestResponse(200, null, {
      isValid: true,
      message: { html: '<b>' },
      groupIdCount: -1,
      status: 'hacked',
      reasons: [
        null,
        'x',
        { code: 5 },
        { code: 7, message: 'kept' },
        { message: 'y'.repeat(5000) },
      ],
    });
    expect(outcome).toMatchObject({
      kind: 'answer',
      status: 'valid',
      message: '',
      groupIdCount: null,
      expectedId: null,
    });
    if (outcome.kind !== 'answer') throw new Error('expected an answer');
    expect(outcome.reasons.map((r) => r.code)).toEqual(['unknown', 'unknown']);
    expect(outcome.reasons[1]!.message.length).toBe(2001);
  });

  it('reads a 4xx refusal with the field it names', () => {
    expect(parseAttestResponse(400, null, { error: 'owner is required', field: 'owner' })).toEqual({
      kind: 'rejected',
      httpStatus: 400,
      error: 'owner is required',
      field: 'owner',
    });
    expect(parseAttestResponse(413, null, 'nope')).toEqual({
      kind: 'rejected',
      httpStatus: 413,
      error: 'the API refused the request (HTTP 413)',
      field: null,
    });
  });

  it('reads 429 as too many requests from this visitor, and another 503 as a busy API', () => {
    expect(parseAttestResponse(429, '12', {})).toEqual({ kind: 'too-many', retryAfterSeconds: 12 });
    expect(parseAttestResponse(503, null, null)).toEqual({
      kind: 'busy',
      httpStatus: 503,
      error: null,
      retryAfterSeconds: null,
    });
    expect(
      parseAttestResponse(503, '1', { code: 'store-busy', error: 'other writes kept interfering' }),
    ).toEqual({
      kind: 'busy',
      httpStatus: 503,
      error: 'other writes kept interfering',
      retryAfterSeconds: 1,
    });
  });

  it('calls other statuses and non-results failures', () => {
    expect(parseAttestResponse(500, null, {})).toEqual({
      kind: 'failed',
      message: 'the API answered HTTP 500',
    });
    expect(parseAttestResponse(200, null, { hello: 1 })).toMatchObject({ kind: 'failed' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter(' 30 ')).toBe(30);
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:45 GMT', now)).toBe(45);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('attestUrl', () => {
  it('appends the endpoint to the API base', () => {
    expect(attestUrl('https://api.example/')).toBe('https://api.example/api/v1/attest');
    expect(attestUrl('https://suns.example/site/')).toBe('https://suns.example/site/api/v1/attest');
  });
});
