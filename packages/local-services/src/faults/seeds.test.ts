import { afterEach, describe, expect, it } from 'vitest';
import { FaultError } from './errors.js';
import { faultCountsBySource, faultSeeds } from './seeds.js';

describe('faultSeeds', () => {
  const saved = process.env.SYMVAL_FAULT_SEEDS;
  afterEach(() => {
    if (saved === undefined) delete process.env.SYMVAL_FAULT_SEEDS;
    else process.env.SYMVAL_FAULT_SEEDS = saved;
  });

  it('gives the defaults when nothing is asked for', () => {
    delete process.env.SYMVAL_FAULT_SEEDS;
    expect(faultSeeds([3, 9])).toEqual([3, 9]);
  });

  it('reads a count as seeds 1 to n, and a list as exactly those seeds', () => {
    process.env.SYMVAL_FAULT_SEEDS = '4';
    expect(faultSeeds([3])).toEqual([1, 2, 3, 4]);
    process.env.SYMVAL_FAULT_SEEDS = '17,4242';
    expect(faultSeeds([3])).toEqual([17, 4242]);
  });

  it('refuses anything else, naming the variable and the forms it takes', () => {
    process.env.SYMVAL_FAULT_SEEDS = 'many';
    expect(() => faultSeeds([3])).toThrow(FaultError);
    expect(() => faultSeeds([3])).toThrow(/SYMVAL_FAULT_SEEDS is "many": give a count/);
  });
});

describe('faultCountsBySource', () => {
  it('names each fault after the proxy that injected it', () => {
    expect(faultCountsBySource({ dns: { servfail: 2 }, s3: { SlowDown: 1 } })).toEqual({
      'dns servfail': 2,
      's3 SlowDown': 1,
    });
  });
});
