import { describe, expect, it } from 'vitest';
import { cspHeaderFromHtml } from './security-headers.js';
import { safeSegments } from './static-files.js';

describe('cspHeaderFromHtml', () => {
  it("takes the page's meta policy and adds frame-ancestors 'none'", () => {
    const html = `<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self';"></head>`;
    expect(cspHeaderFromHtml(html)).toBe(
      "default-src 'none'; connect-src 'self'; frame-ancestors 'none'",
    );
  });

  it('reads single-quoted attributes and HTML entities', () => {
    const html = `<meta http-equiv='Content-Security-Policy' content='script-src &#39;self&#39;'/>`;
    expect(cspHeaderFromHtml(html)).toBe("script-src 'self'; frame-ancestors 'none'");
  });

  it('falls back to a strict same-origin policy when the page has none', () => {
    expect(cspHeaderFromHtml('<title>dev build</title>')).toBe(
      "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
  });
});

describe('safeSegments', () => {
  it('decodes segments and refuses dot segments and encoded separators', () => {
    expect(safeSegments('/records/domains.json')).toEqual(['records', 'domains.json']);
    expect(safeSegments('/join/')).toEqual(['join', '']);
    expect(safeSegments('/a%20b')).toEqual(['a b']);
    for (const bad of ['/..', '/a/../b', '/%2e%2e/x', '/a%2Fb', '/a%5Cb', '/a%00', '/%E0%A4%A']) {
      expect(safeSegments(bad)).toBeUndefined();
    }
  });
});
