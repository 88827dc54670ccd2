import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePunycode, toUnicodeHostname } from './unicode.js';

describe('decodePunycode', () => {
  it('decodes known labels', () => {
    expect(decodePunycode('bcher-kva')).toBe('bücher');
    expect(decodePunycode('mnchen-3ya')).toBe('münchen');
    expect(decodePunycode('fiqs8s')).toBe('中国');
    expect(decodePunycode('b-tfab')).toBe('ábá');
    expect(decodePunycode('ls8h')).toBe('💩');
    // RFC 3492 §7.1 sample (L): basic code points before the delimiter
    expect(decodePunycode('3b-ww4c5e180e575a65lsy2b')).toBe('3年b組金八先生');
  });

  it('returns undefined for text that is not Punycode', () => {
    expect(decodePunycode('z')).toBeUndefined(); // ends inside a variable-length integer
    expect(decodePunycode('ü-a')).toBeUndefined(); // non-basic code point before the delimiter
    expect(decodePunycode('99999999999')).toBeUndefined(); // past U+10FFFF
    // Valid RFC 3492 digits that decode to the lone surrogate U+DCC2, which is no character.
    expect(decodePunycode('bb0c')).toBeUndefined();
  });

  it('inverts the URL parser on every label it produces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), (text) => {
        let ascii: string;
        try {
          ascii = new URL(`http://${text}.example/`).hostname;
        } catch {
          return; // not a hostname the URL parser accepts
        }
        const unicode = toUnicodeHostname(ascii);
        // Round trip: the decoded form converts back to the same ASCII form.
        expect(new URL(`http://${unicode}/`).hostname).toBe(ascii);
      }),
      { numRuns: 300 },
    );
  });
});

describe('toUnicodeHostname', () => {
  it('decodes xn-- labels and keeps other labels', () => {
    expect(toUnicodeHostname('xn--bcher-kva.example.xn--fiqs8s')).toBe('bücher.example.中国');
    expect(toUnicodeHostname('zq.suns.bz')).toBe('zq.suns.bz');
  });

  it('keeps a label that does not decode', () => {
    expect(toUnicodeHostname('xn--z.example')).toBe('xn--z.example');
  });
});
