import { describe, expect, it } from 'vitest';
import { parseWithdrawResponse, withdrawUrl } from './withdraw.js';

const GROUP = 'v1:a:x:y';

describe('parseWithdrawResponse', () => {
  it('reads a withdrawal', () => {
    expect(
      parseWithdrawResponse(200, null, {
        withdrawn: true,
        groupId: GROUP,
        deleted: 2,
        message: 'Group withdrawn: 2 records removed.',
      }),
    ).toEqual({
      kind: 'withdrawn',
      groupId: GROUP,
      deleted: 2,
      message: 'Group withdrawn: 2 records removed.',
    });
  });

  it('reads the API’s refusals by their codes', () => {
    expect(
      parseWithdrawResponse(404, null, {
        error: `no records are stored for group ${GROUP}`,
        field: null,
        code: 'group-not-found',
        groupId: GROUP,
      }),
    ).toEqual({
      kind: 'not-found',
      groupId: GROUP,
      error: `no records are stored for group ${GROUP}`,
    });
    expect(
      parseWithdrawResponse(409, null, {
        error: 'the group still has claims in DNS',
        code: 'claims-remain',
        reasons: [{ code: 'claim-present', domain: 'a.example', message: 'still there' }],
      }),
    ).toEqual({
      kind: 'claims-remain',
      error: 'the group still has claims in DNS',
      reasons: [{ code: 'claim-present', domain: 'a.example', message: 'still there' }],
    });
    expect(parseWithdrawResponse(409, null, { code: 'group-changed', error: 'try again' })).toEqual(
      { kind: 'changed', error: 'try again' },
    );
  });

  it('reads undecided from the body, on the 503 the API answers today or on a 200 like attest’s', () => {
    const body = {
      error: 'DNS did not answer for every hostname',
      code: 'indeterminate',
      status: 'indeterminate',
      reasons: [{ code: 'lookup-failed', domain: 'a.example', message: 'timed out' }],
    };
    for (const status of [503, 200]) {
      expect(parseWithdrawResponse(status, '20', body)).toEqual({
        kind: 'indeterminate',
        error: 'DNS did not answer for every hostname',
        reasons: [{ code: 'lookup-failed', domain: 'a.example', message: 'timed out' }],
        retryAfterSeconds: 20,
      });
    }
  });

  it('reads 429, a busy 503, a refused field and other answers as the attest client does', () => {
    expect(parseWithdrawResponse(429, '5', {})).toEqual({ kind: 'too-many', retryAfterSeconds: 5 });
    expect(parseWithdrawResponse(503, null, { code: 'x', error: 'busy' })).toMatchObject({
      kind: 'busy',
      error: 'busy',
    });
    expect(
      parseWithdrawResponse(400, null, { error: 'owner is required', field: 'owner' }),
    ).toEqual({ kind: 'rejected', httpStatus: 400, error: 'owner is required', field: 'owner' });
    // A 404 that is not the API's (an API without the route) is a refusal, not "no such group".
    expect(parseWithdrawResponse(404, null, { error: 'not found' })).toMatchObject({
      kind: 'rejected',
      httpStatus: 404,
    });
    expect(parseWithdrawResponse(200, null, { withdrawn: 'yes' })).toMatchObject({
      kind: 'failed',
    });
    expect(parseWithdrawResponse(500, null, null)).toEqual({
      kind: 'failed',
      message: 'the API answered HTTP 500',
    });
  });
});

describe('withdrawUrl', () => {
  it('appends the endpoint to the API base', () => {
    expect(withdrawUrl('https://suns.example/')).toBe('https://suns.example/api/v1/withdraw');
  });
});
