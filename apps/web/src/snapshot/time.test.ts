import { describe, expect, it } from 'vitest';
import { formatDay } from './time.js';

describe('formatDay', () => {
  it('gives the UTC day', () => {
    expect(formatDay(new Date('2025-10-17T23:30:00-02:00'))).toBe('2025-10-18');
  });
});
