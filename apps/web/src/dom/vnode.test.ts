import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, h, toHtml, toText } from './vnode.js';

const decode = (html: string) =>
  html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

describe('toHtml', () => {
  it('escapes markup in text and attribute values', () => {
    const node = h(
      'p',
      { title: '"><script>x</script>' },
      '<img src=x onerror=alert(1)>',
      ' & more',
    );
    expect(toHtml(node)).toBe(
      '<p title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">&lt;img src=x onerror=alert(1)&gt; &amp; more</p>',
    );
  });

  it('turns any text into escaped content that reads back as the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const html = toHtml(h('span', null, text));
        const inner = html.slice('<span>'.length, -'</span>'.length);
        expect(inner).not.toMatch(/[<>"']/);
        expect(decode(inner)).toBe(text);
      }),
    );
  });

  it('writes true attributes as empty, leaves out false ones and skips empty children', () => {
    expect(
      toHtml(
        h('button', { hidden: true, disabled: false, type: 'button' }, null, false, undefined, 0),
      ),
    ).toBe('<button hidden="" type="button">0</button>');
    expect(toHtml(h('input', { id: 'x' }))).toBe('<input id="x">');
  });

  it('gives the plain text of a tree as textContent would', () => {
    expect(toText(h('p', null, 'a', h('b', null, 'b', h('i', null, 'c')), 1))).toBe('abc1');
  });
});

describe('h', () => {
  it('refuses event handler and style attributes, which the CSP forbids anyway', () => {
    expect(() => h('img', { onerror: 'alert(1)' })).toThrow(/attribute "onerror" is not allowed/);
    expect(() => h('p', { ONCLICK: 'x' })).toThrow(/not allowed/);
    expect(() => h('p', { style: 'color:red' })).toThrow(/"style" is not allowed/);
  });

  it('refuses a link to anything but http(s) or a relative path', () => {
    expect(() => h('a', { href: 'javascript:alert(1)' })).toThrow(/unsafe URL in href/);
    expect(() => h('a', { href: ' javascript:alert(1)' })).toThrow(/unsafe URL/);
    expect(() => h('a', { href: 'data:text/html,x' })).toThrow(/unsafe URL/);
    expect(h('a', { href: '../join/' }).attrs.href).toBe('../join/');
    expect(h('a', { href: 'https://example.blog/' }).attrs.href).toBe('https://example.blog/');
  });

  it('refuses tag names that are not plain lowercase words', () => {
    expect(() => h('img src=x')).toThrow(/bad tag name/);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in HTML', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
