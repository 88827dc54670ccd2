import { describe, expect, it } from 'vitest';
import { buildCsp, buildCspHeader, originOf } from './csp.js';

describe('buildCsp', () => {
  it('allows scripts and styles only from the site, with Trusted Types required', () => {
    const csp = buildCsp();
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "manifest-src 'self'",
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
      "require-trusted-types-for 'script'",
      "trusted-types 'none'",
    ]);
  });

  it('adds connect-src origins, once each', () => {
    expect(
      buildCsp({
        connectSrc: ['https://api.example', 'http://127.0.0.1:*', 'https://api.example'],
      }),
    ).toContain("connect-src 'self' https://api.example http://127.0.0.1:*;");
  });

  it.each([
    "https://a.example; script-src 'unsafe-inline'",
    "'unsafe-eval'",
    '*',
    'https://a.example/path',
    'javascript:',
  ])('refuses the source %j', (source) => {
    expect(() => buildCsp({ connectSrc: [source] })).toThrow(/is not an origin/);
  });

  it('adds frame-ancestors in the header form', () => {
    expect(buildCspHeader()).toMatch(/; frame-ancestors 'none'$/);
  });
});

describe('originOf', () => {
  it('gives the origin of absolute http(s) URLs only', () => {
    expect(originOf('https://api.example:8443/base/')).toBe('https://api.example:8443');
    expect(originOf('records/domains.json')).toBeNull();
    expect(originOf(undefined)).toBeNull();
  });
});
