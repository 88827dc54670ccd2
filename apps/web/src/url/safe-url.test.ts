import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeHref, ownerLink, resolveHttpUrl } from './safe-url.js';

describe('ownerLink', () => {
  it.each([
    ['https://zq.suns.bz//:sdʇʇɥ', 'https://zq.suns.bz//:sd%CA%87%CA%87%C9%A5'],
    ['https://example.blog', 'https://example.blog/'],
    ['HTTP://Example.Blog/Path?q=1#x', 'http://example.blog/Path?q=1#x'],
  ])('links the http(s) owner %s as %s', (owner, href) => {
    expect(ownerLink(owner)).toBe(href);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' https://example.blog',
    'https://example.blog ',
    'java\tscript:alert(1)',
    'https://exa\nmple.blog',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'ftp://example.blog/',
    '//example.blog/',
    'example.blog',
    'https://user:secret@example.blog/',
    'https://user@example.blog/',
    'https://',
    'Carol Example',
    '',
  ])('keeps %j as text', (owner) => {
    expect(ownerLink(owner)).toBeNull();
  });

  it('keeps non-strings and very long strings as text', () => {
    expect(ownerLink(42)).toBeNull();
    expect(ownerLink(null)).toBeNull();
    expect(ownerLink(`https://example.blog/${'a'.repeat(3000)}`)).toBeNull();
  });

  it('never returns anything but an http(s) URL, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.string().map((s) => `https://${s}`),
        ),
        (owner) => {
          const link = ownerLink(owner);
          if (link !== null) expect(link).toMatch(/^https?:\/\/[^\s]+$/);
        },
      ),
    );
  });
});

describe('isSafeHref', () => {
  it.each([
    'https://a.example/',
    'http://a.example',
    './',
    '../join/',
    '#main',
    '?q=1',
    'records/domains.json',
    'a/b:c',
  ])('allows %s', (href) => expect(isSafeHref(href)).toBe(true));
  it.each([
    'javascript:alert(1)',
    'data:x',
    'mailto:a@b',
    '//evil.example',
    ' https://a.example',
    'https://a.example/\n',
    'java\tscript:x',
  ])('refuses %j', (href) => expect(isSafeHref(href)).toBe(false));
});

describe('resolveHttpUrl', () => {
  it('resolves relative values against the base and keeps absolute http(s) values', () => {
    expect(resolveHttpUrl('records/domains.json', 'https://suns.example/site/')?.href).toBe(
      'https://suns.example/site/records/domains.json',
    );
    expect(resolveHttpUrl('https://api.example', 'https://suns.example/')?.href).toBe(
      'https://api.example/',
    );
  });

  it('refuses other schemes, empty values and non-strings', () => {
    expect(resolveHttpUrl('javascript:alert(1)', 'https://suns.example/')).toBeNull();
    expect(resolveHttpUrl('  ', 'https://suns.example/')).toBeNull();
    expect(resolveHttpUrl({}, 'https://suns.example/')).toBeNull();
  });
});
