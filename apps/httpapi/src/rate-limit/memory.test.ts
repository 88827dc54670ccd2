import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './memory.js';
import { parseRateLimit } from './setting.js';

describe('parseRateLimit', () => {
  it('reads count/seconds', () => {
    expect(parseRateLimit('10/60')).toEqual({ count: 10, windowSeconds: 60 });
    expect(parseRateLimit(' 3 / 1 ')).toEqual({ count: 3, windowSeconds: 1 });
  });

  it.each(['', '10', '0/60', '10/0', '10/86401', 'ten/60', '-1/60', '1.5/60'])(
    'refuses %j naming it',
    (value) => {
      expect(() => parseRateLimit(value)).toThrow(
        expect.objectContaining({
          code: 'config.invalid',
          message: expect.stringContaining(JSON.stringify(value)),
        }),
      );
    },
  );
});

describe('createRateLimiter', () => {
  it('allows count requests per window and says when the window ends', () => {
    const limiter = createRateLimiter({ count: 2, windowSeconds: 10 });
    expect(limiter.take('a', 0)).toEqual({ allowed: true, remaining: 1 });
    expect(limiter.take('a', 1000)).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.take('a', 2500)).toEqual({ allowed: false, retryAfterSeconds: 8 });
    expect(limiter.take('b', 2500)).toEqual({ allowed: true, remaining: 1 });
    expect(limiter.take('a', 9999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('a', 10_000)).toEqual({ allowed: true, remaining: 1 });
  });

  it('remembers at most maxClients, dropping expired windows first, then the oldest', () => {
    const limiter = createRateLimiter({ count: 1, windowSeconds: 10, maxClients: 2 });
    limiter.take('a', 0);
    limiter.take('b', 5000);
    // 'a' has expired at 12 s: it goes, 'b' stays limited.
    limiter.take('c', 12_000);
    expect(limiter.take('b', 12_000)).toMatchObject({ allowed: false });
    // Full with live windows: the oldest ('b') is forgotten to make room for 'd'.
    limiter.take('d', 13_000);
    expect(limiter.take('c', 13_000)).toMatchObject({ allowed: false });
    expect(limiter.take('b', 13_000)).toMatchObject({ allowed: true });
  });
});
