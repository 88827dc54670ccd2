import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstUnmirrorable, mirrorText } from './mirror.js';
import { firstUnrotatable, rotate180 } from './rotate.js';

const ROTATABLE = [...'bdnpqu69losxz018.-'];
const MIRRORABLE = [...'bdpqilmnouvwx08.-'];

describe('rotate180', () => {
  it('turns text upside down: reversed, with b↔q, d↔p, n↔u, 6↔9', () => {
    expect(rotate180('zq.su')).toBe('ns.bz');
    expect(rotate180('zq.suns.bz')).toBe('zq.suns.bz');
    expect(rotate180('pd69')).toBe('69pd');
    expect(rotate180('los-xz.018')).toBe('810.zx-sol');
    expect(rotate180('')).toBe('');
  });

  it('returns null when a character cannot rotate, and names the first such character', () => {
    expect(rotate180('zq.sun.com')).toBeNull();
    expect(firstUnrotatable('zq.sun.com')).toBe('c');
    expect(rotate180('ZQ')).toBeNull(); // case is the caller's business
    expect(firstUnrotatable('zq😀')).toBe('😀');
    expect(firstUnrotatable('zq.su')).toBeUndefined();
  });

  it('undoes itself for every rotatable text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ROTATABLE)).map((chars) => chars.join('')),
        (text) => {
          expect(rotate180(rotate180(text)!)).toBe(text);
        },
      ),
    );
  });

  it('returns null for every text holding a character outside the table', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const rotatable = [...text].every((char) => ROTATABLE.includes(char));
        expect(rotate180(text) === null).toBe(!rotatable);
      }),
    );
  });
});

describe('mirrorText', () => {
  it('shows text as in a mirror: reversed, with b↔d and p↔q', () => {
    expect(mirrorText('duq.xodbox.pub')).toBe('duq.xodbox.pub');
    expect(mirrorText('ood.pub')).toBe('duq.boo');
    expect(mirrorText('imnuvw-08')).toBe('80-wvunmi');
  });

  it('returns null when a character has no mirror image', () => {
    expect(mirrorText('sun')).toBeNull();
    expect(firstUnmirrorable('box.suns')).toBe('s');
    expect(firstUnmirrorable('😀')).toBe('😀');
  });

  it('undoes itself for every mirrorable text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...MIRRORABLE)).map((chars) => chars.join('')),
        (text) => {
          expect(mirrorText(mirrorText(text)!)).toBe(text);
        },
      ),
    );
  });
});
