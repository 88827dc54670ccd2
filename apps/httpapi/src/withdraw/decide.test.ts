import { createStaticClaimResolver } from '@symval/attestation';
import { describe, expect, it } from 'vitest';
import { decideWithdrawal, lookupAll } from './decide.js';

const ID =
  'v1:a:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

describe('decideWithdrawal', () => {
  it('withdraws when no hostname carries the claim (other records do not count)', async () => {
    const resolver = createStaticClaimResolver({ 'a.example': ['other'], 'b.example': [] });
    const lookups = await lookupAll(resolver, ['a.example', 'b.example', 'c.example']);
    expect(decideWithdrawal(ID, lookups)).toEqual({ kind: 'withdraw' });
  });

  it('keeps the group while a claim remains, even when another lookup failed', async () => {
    const resolver = createStaticClaimResolver({
      'a.example': [ID],
      'b.example': { error: 'timeout' },
    });
    const decision = decideWithdrawal(ID, await lookupAll(resolver, ['a.example', 'b.example']));
    expect(decision).toMatchObject({
      kind: 'claims-remain',
      reasons: [{ code: 'claim-present', domain: 'a.example' }],
    });
  });

  it('is indeterminate when a lookup failed and no claim was seen', async () => {
    const resolver = createStaticClaimResolver({ 'b.example': { error: 'servfail' } });
    const decision = decideWithdrawal(ID, await lookupAll(resolver, ['a.example', 'b.example']));
    expect(decision).toMatchObject({
      kind: 'indeterminate',
      reasons: [{ code: 'lookup-failed', domain: 'b.example' }],
    });
  });

  it('counts a resolver that throws as a failed lookup', async () => {
    const lookups = await lookupAll(
      {
        lookup: async () => {
          throw new Error('socket closed');
        },
      },
      ['a.example'],
    );
    expect(lookups[0]?.lookup).toMatchObject({ status: 'error', code: 'exception' });
    expect(decideWithdrawal(ID, lookups).kind).toBe('indeterminate');
  });
});
