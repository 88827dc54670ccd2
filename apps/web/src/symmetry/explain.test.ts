import {
  resolveSymmetryType,
  SYMMETRY_TYPES,
  type SymmetryType,
} from '@symval/attestation/validators';
import { describe, expect, it } from 'vitest';
import { explainSymmetry, firstDifference } from './explain.js';

const type = (code: string): SymmetryType => resolveSymmetryType(code)!;

describe('explainSymmetry', () => {
  it('explains why example.com is not a palindrome, pointing at the first pair that differs', () => {
    const result = explainSymmetry(type('a'), ['example.com']);
    expect(result.ok).toBe(false);
    expect(result.summary).toBe('“example.com” is not a Palindrome.');
    expect(result.details).toEqual([
      'Read backwards, “example.com” is “moc.elpmaxe”.',
      'A palindrome reads the same both ways, but the 1st character from the start is “e” and the 1st from the end is “m”.',
    ]);
  });

  it('confirms every example of the registry', () => {
    for (const symmetry of SYMMETRY_TYPES) {
      const result = explainSymmetry(symmetry, symmetry.example);
      expect(result.ok, symmetry.name).toBe(true);
      expect(result.summary).toContain(`a valid ${symmetry.label}`);
    }
  });

  it('names the character that cannot be turned upside down', () => {
    expect(explainSymmetry(type('b'), ['abc.example']).details).toEqual([
      '“abc.example” cannot be turned upside down: “a” has no upside-down form.',
    ]);
  });

  it('shows what a name turned 180° becomes when it is not its partner', () => {
    expect(explainSymmetry(type('c'), ['zq.su', 'ns.bq']).details).toEqual([
      'Turned 180°: “zq.su” becomes “ns.bz”, which is not “ns.bq”: the 5th character is “z” where “ns.bq” has “q”.',
    ]);
  });

  it('compares label order for mirror names', () => {
    expect(explainSymmetry(type('e'), ['me.example.com', 'com.example.us']).details[0]).toBe(
      'Label by label from the right: “me.example.com” becomes “com.example.me”, which is not “com.example.us”: the 13th character is “m” where “com.example.us” has “u”.',
    );
  });

  it('judges internationalised names in their Unicode form, as the validator does', () => {
    const name = 'xn--bcher-kva.example';
    const result = explainSymmetry(type('a'), [name]);
    expect(result.ok).toBe(false);
    expect(result.details[0]).toBe('Read backwards, “bücher.example” is “elpmaxe.rehcüb”.');
  });

  it('gives the validator’s own words for a refusal it does not explain, such as a duplicate', () => {
    const result = explainSymmetry(type('e'), ['a.example', 'A.example.']);
    expect(result.ok).toBe(false);
    expect(result.details).toEqual([
      expect.stringMatching(/^Hostnames\[0\] and hostnames\[1\] are both "a\.example"/),
    ]);
  });

  it('says how many hostnames the type needs when the count is wrong', () => {
    expect(explainSymmetry(type('e'), ['me.example.com'])).toEqual({
      ok: false,
      summary: 'A Mirror names group has exactly two hostnames; you listed 1.',
      details: [],
    });
  });
});

describe('firstDifference', () => {
  it('is the first index that differs, or -1', () => {
    expect(firstDifference('abc', 'abd')).toBe(2);
    expect(firstDifference('ab', 'abc')).toBe(2);
    expect(firstDifference('abc', 'abc')).toBe(-1);
  });
});
