import { SYMMETRY_TYPES, type SymmetryName } from '@symval/attestation/validators';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHtml, toText } from '../dom/vnode.js';
import { alignedRows, centreOf, markCentre, renderSymmetry } from './visual.js';

describe('centreOf', () => {
  it('is the middle character for odd lengths and the gap between the middle two for even ones', () => {
    expect(centreOf(5)).toEqual({ kind: 'char', index: 2 });
    expect(centreOf(4)).toEqual({ kind: 'gap', before: 2 });
    expect(centreOf(1)).toEqual({ kind: 'char', index: 0 });
  });
});

describe('markCentre', () => {
  it('marks the centre character of an odd-length name', () => {
    expect(markCentre(['a', 'b', 'a'], 'ch').map(toHtml).join('')).toBe(
      '<span class="ch">a</span><span class="ch centre">b</span><span class="ch">a</span>',
    );
  });

  it('draws an axis between the middle two of an even-length name', () => {
    expect(markCentre(['a', 'b', 'b', 'a'], 'ch').map(toHtml).join('')).toBe(
      '<span class="ch">a</span><span class="ch">b</span><span class="axis"></span><span class="ch">b</span><span class="ch">a</span>',
    );
  });
});

describe('alignedRows', () => {
  it('interleaves the rows column by column and marks the columns that differ', () => {
    expect(toHtml(alignedRows(['me', 'x'], ['me', 'y'], 'label'))).toBe(
      '<span class="rows"><span class="way">→</span><span class="way">←</span>' +
        '<span class="label same">me</span><span class="label same">me</span>' +
        '<span class="label differs">x</span><span class="label differs">y</span></span>',
    );
  });
});

describe('renderSymmetry', () => {
  it('draws every registry example, hidden from screen readers (the names are listed as text)', () => {
    for (const type of SYMMETRY_TYPES) {
      const html = toHtml(renderSymmetry(type.name, type.example));
      expect(html).toMatch(
        new RegExp(`^<span class="visual visual-${type.name}" aria-hidden="true">`),
      );
      expect(html).not.toContain('differs');
    }
  });

  it('draws a flip next to a copy turned 180° and a mirror text next to a mirrored copy', () => {
    expect(toHtml(renderSymmetry('flip180', ['zq.suns.bz']))).toContain(
      '<span class="word turned">zq.suns.bz</span>',
    );
    expect(toHtml(renderSymmetry('mirrortext', ['duq.xodbox.pub']))).toContain(
      '<span class="word mirrored">duq.xodbox.pub</span>',
    );
    expect(toHtml(renderSymmetry('doubleflip180', ['zq.su', 'ns.bz']))).toContain(
      '<span class="word turned">ns.bz</span>',
    );
  });

  it('aligns a mirror pair label by label, second name read from the right', () => {
    const text = toText(renderSymmetry('mirrornames', ['com.example.me', 'me.example.com']));
    expect(text).toBe('→←comcomexampleexamplememesecond name read label by label from the right');
  });

  it('marks where a broken pair breaks', () => {
    expect(toHtml(renderSymmetry('mirrornames', ['a.example.com', 'com.example.b']))).toContain(
      '<span class="label differs">a</span>',
    );
  });

  it('marks the centre of a palindrome only when the name is one, and shows where another breaks', () => {
    expect(toHtml(renderSymmetry('palindrome', ['aba']))).toContain(
      '<span class="ch centre">b</span>',
    );
    const broken = toHtml(renderSymmetry('palindrome', ['abc.example']));
    expect(broken).not.toContain('centre');
    expect(broken).not.toContain('axis');
    expect(broken).toContain('<span class="ch differs">a</span><span class="ch differs">e</span>');
    expect(toText(renderSymmetry('palindrome', ['abc.example']))).toContain(
      'not a palindrome: read backwards, it differs where marked',
    );
    expect(toHtml(renderSymmetry('singlemirrornames', ['a.b.a']))).toContain(
      '<span class="label centre">b</span>',
    );
    const labels = toHtml(renderSymmetry('singlemirrornames', ['a.b.c']));
    expect(labels).not.toContain('centre');
    expect(labels).toContain(
      '<span class="label differs">a</span><span class="label differs">c</span>',
    );
  });

  it('falls back to plain names for unknown types and pairs of the wrong size', () => {
    expect(toText(renderSymmetry(undefined, ['x.example']))).toBe('x.example');
    expect(toText(renderSymmetry('mirrornames', ['x.example']))).toBe('x.example');
  });

  it('never throws and never lets markup through, whatever the names', () => {
    const names = SYMMETRY_TYPES.map((t) => t.name);
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...names), { nil: undefined }),
        fc.array(fc.string({ unit: 'binary' }), { maxLength: 3 }),
        (name: SymmetryName | undefined, hostnames) => {
          const html = toHtml(renderSymmetry(name, hostnames));
          expect(html.replace(/<\/?span[^>]*>/g, '')).not.toMatch(/[<>]/);
        },
      ),
    );
  });
});
