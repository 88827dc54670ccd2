import { normalizeHostname } from '@symval/groupid';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mirrorText } from './mirror.js';
import { rotate180 } from './rotate.js';
import { resolveSymmetryType } from './symmetry-types.js';
import { validateSymmetry } from './validate-symmetry.js';

const ok = { ok: true };

describe('validateSymmetry per type', () => {
  it('palindrome: one hostname that reads the same backwards', () => {
    expect(validateSymmetry('a', ['etutitsni.elpmaxe.example.institute'])).toEqual(ok);
    expect(validateSymmetry('palindrome', ['zb.snus.suns.bz'])).toEqual(ok);
    expect(validateSymmetry('a', ['zq.suns.bz'])).toEqual({
      ok: false,
      code: 'symmetry.mismatch',
      message: '"zq.suns.bz" reversed reads "zb.snus.qz"',
    });
  });

  it('flip180: one hostname that reads the same turned 180°', () => {
    expect(validateSymmetry('b', ['zq.suns.bz'])).toEqual(ok);
    expect(validateSymmetry('flip180', ['zq.suns.bx'])).toEqual({
      ok: false,
      code: 'symmetry.mismatch',
      message: '"zq.suns.bx" turned 180° reads "xq.suns.bz", not itself',
    });
  });

  it('flip180 names the character that cannot rotate', () => {
    expect(validateSymmetry('b', ['zq.suns.com'])).toEqual({
      ok: false,
      code: 'symmetry.character',
      message:
        '"c" in "zq.suns.com" cannot be turned 180°; only b d n p q u 6 9 and l o s x z 0 1 8 . - can',
    });
  });

  it('doubleflip180: two hostnames, each the other turned 180°, in either order', () => {
    expect(validateSymmetry('c', ['zq.su', 'ns.bz'])).toEqual(ok);
    expect(validateSymmetry('doubleflip180', ['ns.bz', 'zq.su'])).toEqual(ok);
    expect(validateSymmetry('c', ['zq.su', 'ns.zb'])).toMatchObject({
      code: 'symmetry.mismatch',
      message: '"zq.su" turned 180° reads "ns.bz", not "ns.zb"',
    });
    // The second hostname's characters are checked too.
    expect(validateSymmetry('c', ['zq.su', 'ns.bz.ca'])).toMatchObject({
      code: 'symmetry.character',
      message: /^"c" in "ns\.bz\.ca"/,
    });
  });

  it('mirrortext: one hostname that reads the same in a mirror', () => {
    expect(validateSymmetry('d', ['duq.xodbox.pub'])).toEqual(ok);
    expect(validateSymmetry('d', ['pub.xodbox.duq'])).toEqual(ok);
    expect(validateSymmetry('d', ['duq.xod.pub'])).toMatchObject({
      code: 'symmetry.mismatch',
      message: '"duq.xod.pub" in a mirror reads "duq.box.pub", not itself',
    });
    expect(validateSymmetry('mirrortext', ['suns.bz'])).toMatchObject({
      code: 'symmetry.character',
      message:
        '"s" in "suns.bz" has no mirror image; only b d p q and i l m n o u v w x 0 8 . - can',
    });
  });

  it('mirrornames: two hostnames with their labels in reverse order', () => {
    expect(validateSymmetry('e', ['me.example.com', 'com.example.me'])).toEqual(ok);
    expect(validateSymmetry('mirrornames', ['me.example.com', 'com.example.you'])).toEqual({
      ok: false,
      code: 'symmetry.mismatch',
      message:
        '"me.example.com" with its labels reversed is "com.example.me", not "com.example.you"',
    });
  });

  it('doublepalindrome: two hostnames, each the other written backwards', () => {
    expect(validateSymmetry('f', ['su.suns.bz', 'zb.snus.us'])).toEqual(ok);
    expect(validateSymmetry('f', ['su.suns.bz', 'zb.suns.us'])).toMatchObject({
      code: 'symmetry.mismatch',
    });
  });

  it('singlemirrornames: one hostname whose labels read the same in reverse order', () => {
    expect(validateSymmetry('g', ['com.example.www.example.com'])).toEqual(ok);
    expect(validateSymmetry('singlemirrornames', ['www.example.com'])).toMatchObject({
      code: 'symmetry.mismatch',
      message: '"www.example.com" with its labels reversed is "com.example.www", not itself',
    });
  });

  it('doublemirrortext: two hostnames, each the other in a mirror', () => {
    expect(validateSymmetry('h', ['ood.pub', 'duq.boo'])).toEqual(ok);
    expect(validateSymmetry('h', ['ood.pub', 'dup.boo'])).toMatchObject({
      code: 'symmetry.mismatch',
      message: '"ood.pub" in a mirror reads "duq.boo", not "dup.boo"',
    });
  });
});

describe('validateSymmetry input', () => {
  it('resolves the type by name or code in any case', () => {
    expect(validateSymmetry(' MirrorNames ', ['me.example.com', 'com.example.me'])).toEqual(ok);
    expect(validateSymmetry('E', ['me.example.com', 'com.example.me'])).toEqual(ok);
  });

  it('rejects an unknown type and lists the known ones', () => {
    expect(validateSymmetry('z', ['a.b'])).toMatchObject({
      code: 'symmetry.unknown-type',
      message: expect.stringContaining(
        'unknown symmetry type "z"; known types are a (palindrome), b (flip180)',
      ),
    });
  });

  it('normalises case, surrounding space and one trailing dot before checking', () => {
    expect(validateSymmetry('b', [' ZQ.Suns.BZ. '])).toEqual(ok);
    expect(validateSymmetry('e', ['ME.example.com.', 'com.EXAMPLE.me'])).toEqual(ok);
  });

  it('needs as many hostnames as the type has', () => {
    expect(validateSymmetry('e', ['me.example.com'])).toEqual({
      ok: false,
      code: 'symmetry.hostname-count',
      message: 'mirrornames needs 2 hostnames, received 1',
    });
    expect(validateSymmetry('a', [])).toMatchObject({
      message: 'palindrome needs 1 hostname, received 0',
    });
    expect(validateSymmetry('a', 'a.a' as unknown as string[])).toMatchObject({
      code: 'symmetry.hostnames',
    });
  });

  it('rejects invalid hostnames with the hostname code and the position', () => {
    expect(validateSymmetry('a', ['a..a'])).toMatchObject({
      code: 'hostname.label',
      message: /^hostnames\[0\]: "a\.\.a" has an empty label/,
    });
    expect(validateSymmetry('e', ['me.example.com', ''])).toMatchObject({
      code: 'hostname.empty',
      message: /^hostnames\[1\]/,
    });
    expect(validateSymmetry('a', ['1.2.2.1'])).toMatchObject({ code: 'hostname.ip-address' });
    expect(validateSymmetry('a', ['aba'])).toMatchObject({ code: 'hostname.single-label' });
    expect(validateSymmetry('a', [null as unknown as string])).toMatchObject({
      code: 'hostname.type',
    });
  });

  it('rejects a pair made of one hostname twice, even when it is its own partner', () => {
    // a.b.a reversed by labels is itself, so ['a.b.a', 'a.b.a'] would otherwise pass.
    expect(validateSymmetry('e', ['a.b.a', 'A.B.A.'])).toEqual({
      ok: false,
      code: 'symmetry.duplicate-hostname',
      message:
        'hostnames[0] and hostnames[1] are both "a.b.a"; mirrornames needs 2 different hostnames',
    });
    expect(validateSymmetry('c', ['zq.suns.bz', 'zq.suns.bz'])).toMatchObject({
      code: 'symmetry.duplicate-hostname',
    });
    expect(validateSymmetry('f', ['sus.sus', 'sus.sus'])).toMatchObject({
      code: 'symmetry.duplicate-hostname',
    });
  });
});

describe('validateSymmetry and Unicode', () => {
  it('judges internationalised hostnames on their Unicode characters, however they are written', () => {
    expect(validateSymmetry('a', ['ábá.ábá'])).toEqual(ok);
    expect(validateSymmetry('a', ['ÁBÁ.ábá'])).toEqual(ok);
    expect(validateSymmetry('a', ['xn--b-tfab.xn--b-tfab'])).toEqual(ok);
    expect(validateSymmetry('f', ['ab.éz', 'zé.ba'])).toEqual(ok);
  });

  it('compares code points, so a character outside the BMP is not split in two', () => {
    // '😀' is two UTF-16 units; reversing units would break it and fail the palindrome.
    expect(validateSymmetry('a', ['a😀a.a😀a'])).toEqual(ok);
  });

  it('names a non-ASCII character that cannot rotate or mirror', () => {
    expect(validateSymmetry('b', ['züq.su'])).toMatchObject({
      code: 'symmetry.character',
      message: /^"ü" in "züq\.su"/,
    });
    expect(validateSymmetry('d', ['öxo.oxo'])).toMatchObject({
      code: 'symmetry.character',
      message: /^"ö"/,
    });
  });

  it('rejects hostnames the IDNA rules reject', () => {
    expect(validateSymmetry('a', ['a\u200Db.example'])).toMatchObject({ ok: false });
    expect(validateSymmetry('a', ['xn--zz.example'])).toMatchObject({
      ok: false,
      code: 'hostname.idna',
    });
  });
});

// Hostnames built from labels of the given characters: valid whenever the last label is not
// all digits (which the hostname rules read as an IP address).
const hostname = (alphabet: string) =>
  fc
    .array(
      fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 8 }).map((c) => c.join('')),
      {
        minLength: 2,
        maxLength: 4,
      },
    )
    .map((labels) => labels.join('.'))
    .filter((name) => normalizeHostname(name).ok);

describe('validateSymmetry properties', () => {
  it('accepts any hostname paired with its labels reversed, unless that is the same hostname', () => {
    fc.assert(
      fc.property(hostname('abcdefxyz0123'), (name) => {
        const mirrored = name.split('.').reverse().join('.');
        fc.pre(normalizeHostname(mirrored).ok);
        const result = validateSymmetry('mirrornames', [name, mirrored]);
        expect(result.ok).toBe(mirrored !== name);
        if (mirrored === name) expect(validateSymmetry('singlemirrornames', [name])).toEqual(ok);
      }),
    );
  });

  it('accepts any hostname paired with its reverse as a double palindrome', () => {
    fc.assert(
      fc.property(hostname('abcxyz019'), (name) => {
        const reversed = Array.from(name).reverse().join('');
        fc.pre(reversed !== name && normalizeHostname(reversed).ok);
        expect(validateSymmetry('doublepalindrome', [name, reversed])).toEqual(ok);
        expect(validateSymmetry('doublepalindrome', [reversed, name])).toEqual(ok);
      }),
    );
  });

  it('accepts any rotatable hostname paired with its rotation, and a self-rotation alone', () => {
    fc.assert(
      fc.property(hostname('bdnpqu69losxz018'), (name) => {
        const turned = rotate180(name)!;
        fc.pre(normalizeHostname(turned).ok);
        if (turned === name) expect(validateSymmetry('flip180', [name])).toEqual(ok);
        else expect(validateSymmetry('doubleflip180', [name, turned])).toEqual(ok);
      }),
    );
  });

  it('accepts any mirrorable hostname paired with its mirror image', () => {
    fc.assert(
      fc.property(hostname('bdpqilmnouvwx08'), (name) => {
        const mirrored = mirrorText(name)!;
        fc.pre(normalizeHostname(mirrored).ok);
        if (mirrored === name) expect(validateSymmetry('mirrortext', [name])).toEqual(ok);
        else expect(validateSymmetry('doublemirrortext', [name, mirrored])).toEqual(ok);
      }),
    );
  });

  it('answers unknown-type for any type string that is not a name or code', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 3 }),
        (type, names) => {
          fc.pre(resolveSymmetryType(type) === undefined);
          expect(validateSymmetry(type, names)).toMatchObject({
            ok: false,
            code: 'symmetry.unknown-type',
          });
        },
      ),
    );
  });

  it('gives the same answer for a hostname in Unicode and in ASCII form', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), (label) => {
        const normalised = normalizeHostname(`${label}.${label}`);
        fc.pre(normalised.ok);
        const ascii = (normalised as { hostname: string }).hostname;
        // A label holding a dot, or a character IDNA maps to one, is not one label.
        fc.pre(ascii.split('.').length === 2);
        // The verdict is the same; messages may differ, since they quote what was typed
        // (IDNA maps some characters, e.g. "Ⓐ" to "a").
        const verdict = (r: ReturnType<typeof validateSymmetry>) => (r.ok ? 'ok' : r.code);
        expect(verdict(validateSymmetry('a', [ascii]))).toBe(
          verdict(validateSymmetry('a', [`${label}.${label}`])),
        );
        expect(validateSymmetry('g', [ascii])).toEqual(ok);
      }),
    );
  });
});
