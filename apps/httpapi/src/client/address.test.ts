import { describe, expect, it } from 'vitest';
import { parseViewerAddress, rateLimitSubject } from './address.js';

describe('parseViewerAddress', () => {
  it.each([
    ['198.51.100.10:46532', '198.51.100.10'],
    ['2001:db8::1:46532', '2001:db8::1'],
    ['2001:db8:0:0:0:0:0:1:443', '2001:db8:0:0:0:0:0:1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    [' 203.0.113.9:1 ', '203.0.113.9'],
  ])('reads %j as %j', (value, address) => {
    expect(parseViewerAddress(value)).toBe(address);
  });

  it.each([
    undefined,
    '',
    '198.51.100.10',
    '198.51.100.10:',
    '198.51.100.10:70000',
    '0x7f.1:80',
    'example.com:443',
    '198.51.100.10:80, 203.0.113.1:80',
  ])('refuses %j', (value) => {
    expect(parseViewerAddress(value)).toBeUndefined();
  });
});

describe('rateLimitSubject', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6, and counts IPv6 by its /64', () => {
    expect(rateLimitSubject('198.51.100.7')).toBe('198.51.100.7');
    expect(rateLimitSubject('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(rateLimitSubject('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitSubject('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(rateLimitSubject('2001:db8::1')).toBe('2001:db8::/64');
    expect(rateLimitSubject('::1')).toBe('::/64');
    expect(rateLimitSubject('unknown')).toBe('unknown');
  });
});
