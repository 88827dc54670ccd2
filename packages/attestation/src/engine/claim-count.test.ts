import { calculateGroupIdV1 } from '@symval/groupid';
import { describe, expect, it } from 'vitest';
import { attest } from './attest.js';
import { countHostnamesWithExpectedId } from './claim-count.js';
import { createStaticClaimResolver } from './static-resolver.js';

const owner = 'https://me.example';
const pair = ['me.example.com', 'com.example.me'];
const groupId = calculateGroupIdV1(owner, 'e', pair);
const other = calculateGroupIdV1(owner, 'a', ['me.example.com']);
const input = { owner, type: 'mirrornames', domains: pair };

describe('countHostnamesWithExpectedId', () => {
  it('counts the hostnames carrying the expected ID, not the distinct IDs seen', async () => {
    const resolver = createStaticClaimResolver({
      'me.example.com': [groupId, other],
      'com.example.me': [groupId],
    });
    const result = await attest(input, { resolver });
    expect(result.status).toBe('valid');
    expect(result.groupIdCount).toBe(2);
    expect(countHostnamesWithExpectedId(result)).toBe(2);
  });

  it('counts one when one hostname of two carries the ID, however many other IDs it has', async () => {
    const resolver = createStaticClaimResolver({
      'me.example.com': [other],
      'com.example.me': [groupId, groupId],
    });
    const result = await attest(input, { resolver });
    expect(result.status).toBe('invalid');
    expect(countHostnamesWithExpectedId(result)).toBe(1);
  });

  it('is 0 for refused input, a group without its symmetry, and failed lookups', async () => {
    const resolver = createStaticClaimResolver({
      'me.example.com': { error: 'timeout' },
      'com.example.me': { error: 'servfail' },
    });
    const refused = await attest({ ...input, type: 'nonsense' }, { resolver });
    expect(countHostnamesWithExpectedId(refused)).toBe(0);
    const asymmetric = await attest(
      { owner, type: 'e', domains: ['a.example', 'b.example'] },
      { resolver },
    );
    expect(countHostnamesWithExpectedId(asymmetric)).toBe(0);
    const failed = await attest(input, { resolver });
    expect(failed.status).toBe('indeterminate');
    expect(countHostnamesWithExpectedId(failed)).toBe(0);
  });
});
