import { describe, expect, it } from 'vitest';
import { resolveSymmetryType, SYMMETRY_TYPES } from './symmetry-types.js';
import { validateSymmetry } from './validate-symmetry.js';

describe('SYMMETRY_TYPES', () => {
  it('lists the eight types in code order with the fixed codes a to e', () => {
    expect(SYMMETRY_TYPES.map((type) => `${type.code}:${type.name}:${type.hostnames}`)).toEqual([
      'a:palindrome:1',
      'b:flip180:1',
      'c:doubleflip180:2',
      'd:mirrortext:1',
      'e:mirrornames:2',
      'f:doublepalindrome:2',
      'g:singlemirrornames:1',
      'h:doublemirrortext:2',
    ]);
  });

  it.each(SYMMETRY_TYPES.map((type) => [type.name, type] as const))(
    'has a %s example that passes its own validator, with as many hostnames as the type needs',
    (_name, type) => {
      expect(type.example).toHaveLength(type.hostnames);
      expect(validateSymmetry(type.code, type.example)).toEqual({ ok: true });
      expect(type.label.length).toBeGreaterThan(0);
      expect(type.description).toMatch(/\.$/);
    },
  );

  it('cannot be changed by a consumer', () => {
    expect(Object.isFrozen(SYMMETRY_TYPES)).toBe(true);
    expect(Object.isFrozen(SYMMETRY_TYPES[0])).toBe(true);
    expect(Object.isFrozen(SYMMETRY_TYPES[0]!.example)).toBe(true);
  });
});

describe('resolveSymmetryType', () => {
  it('accepts a name or a code in any case, with surrounding whitespace', () => {
    expect(resolveSymmetryType('e')?.name).toBe('mirrornames');
    expect(resolveSymmetryType('E')?.name).toBe('mirrornames');
    expect(resolveSymmetryType(' DoubleMirrorText ')?.code).toBe('h');
    expect(resolveSymmetryType('flip180')).toBe(SYMMETRY_TYPES[1]);
  });

  it('returns undefined for anything else', () => {
    for (const input of [
      '',
      'i',
      'palindromes',
      'mirror names',
      'a b',
      '__proto__',
      'constructor',
    ]) {
      expect(resolveSymmetryType(input)).toBeUndefined();
    }
    expect(resolveSymmetryType(1 as unknown as string)).toBeUndefined();
  });
});
