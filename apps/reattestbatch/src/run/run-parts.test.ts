import { attest, createStaticClaimResolver } from '@symval/attestation';
import { describe, expect, it } from 'vitest';
import { wasCutShort, withDeadline } from './deadline.js';
import { createTaskPool } from './pool.js';

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

describe('createTaskPool', () => {
  it('runs at most limit tasks at once and resolves idle when all ended, failures included', async () => {
    const pool = createTaskPool(2);
    let active = 0;
    let peak = 0;
    const done: number[] = [];
    for (let i = 0; i < 6; i++) {
      pool.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active--;
        if (i === 3) throw new Error('boom');
        done.push(i);
      });
    }
    await pool.idle();
    expect(peak).toBe(2);
    expect(done.sort()).toEqual([0, 1, 2, 4, 5]);
    await pool.idle();
  });
});
