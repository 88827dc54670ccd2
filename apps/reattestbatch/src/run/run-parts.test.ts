import { attest, createStaticClaimResolver } from '@symval/attestation';
import { describe, expect, it } from 'vitest';
import { wasCutShort, withDeadline } from './deadline.js';

describe('withDeadline', () => {
  it('passes lookups through until the deadline, then answers without asking DNS', async () => {
    const inner = createStaticClaimResolver({ 'zq.suns.bz': ['x'] });
    let late = false;
    const resolver = withDeadline(inner, () => late);
    expect((await resolver.lookup('zq.suns.bz')).status).toBe('found');
    late = true;
    expect(await resolver.lookup('zq.suns.bz')).toMatchObject({
      status: 'error',
      code: 'deadline',
    });
    expect(inner.lookups).toEqual(['zq.suns.bz']);
  });

  it('marks a result whose lookups were cut short', async () => {
    const inner = createStaticClaimResolver({});
    const input = { owner: 'o', type: 'b', domains: ['zq.suns.bz'] };
    const cut = await attest(input, { resolver: withDeadline(inner, () => true) });
    expect(cut.status).toBe('indeterminate');
    expect(wasCutShort(cut)).toBe(true);
    const whole = await attest(input, { resolver: withDeadline(inner, () => false) });
    expect(wasCutShort(whole)).toBe(false);
  });
});
