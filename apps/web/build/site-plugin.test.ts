import { SYMMETRY_TYPES } from '@symval/attestation/validators';
import { describe, expect, it } from 'vitest';
import { expandMarkers, fromRoot } from './site-plugin.js';

describe('expandMarkers', () => {
  it('replaces header, footer, symmetry and option markers with static markup', () => {
    const html = expandMarkers(
      '<body><!--symval:header:symmetries--><!--symval:symmetries--><select><!--symval:type-options--></select><!--symval:footer:symmetries--></body>',
      SYMMETRY_TYPES,
    );
    expect(html).not.toContain('<!--');
    expect(html).toContain('aria-current="page">Symmetries</a>');
    expect(html.match(/<article class="symmetry"/g)).toHaveLength(SYMMETRY_TYPES.length);
    expect(html.match(/<option /g)).toHaveLength(SYMMETRY_TYPES.length + 1);
    expect(html).toContain('<footer class="site">');
  });

  it('fails on a marker it does not know, so a typo cannot ship an empty section', () => {
    expect(() => expandMarkers('<!--symval:nonsense-->', SYMMETRY_TYPES)).toThrow(
      /unknown or incomplete marker <!--symval:nonsense-->/,
    );
    expect(() => expandMarkers('<!--symval:header:nowhere-->', SYMMETRY_TYPES)).toThrow(
      /unknown or incomplete marker/,
    );
  });
});

describe('expandMarkers, snapshot links', () => {
  it('writes the snapshot link the build is configured with', () => {
    expect(
      expandMarkers(
        '<!--symval:snapshot-link:members-->',
        SYMMETRY_TYPES,
        'https://d.example/s.json',
      ),
    ).toBe('<a href="https://d.example/s.json" data-snapshot-link="">https://d.example/s.json</a>');
  });
});

describe('fromRoot', () => {
  it('makes a page’s relative src and href root-relative, and leaves the rest', () => {
    expect(
      fromRoot(
        '<script src="./assets/a.js"></script><link href="./assets/b.css"><a href="/join/">x</a><a href="https://e.example/">y</a><a href=".//x">z</a>',
      ),
    ).toBe(
      '<script src="/assets/a.js"></script><link href="/assets/b.css"><a href="/join/">x</a><a href="https://e.example/">y</a><a href=".//x">z</a>',
    );
  });
});
