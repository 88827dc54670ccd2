import { normalizeHostname } from '@symval/groupid';
import { firstUnmirrorable, mirrorText } from './mirror.js';
import { firstUnrotatable, rotate180 } from './rotate.js';
import { resolveSymmetryType, SYMMETRY_TYPES, type SymmetryName } from './symmetry-types.js';
import { toUnicodeHostname } from './unicode.js';

/** Whether hostnames have a symmetry, and if not, why. */
export type ValidateSymmetryResult = { ok: true } | { ok: false; code: string; message: string };

/**
 * The `code` of a failed {@link validateSymmetry}. Invalid hostnames carry the
 * `@symval/groupid` hostname codes (`hostname.label`, `hostname.idna`, …) instead.
 */
export type SymmetryFailureCode =
  | 'symmetry.unknown-type'
  | 'symmetry.hostnames'
  | 'symmetry.hostname-count'
  | 'symmetry.duplicate-hostname'
  | 'symmetry.character'
  | 'symmetry.mismatch';

type Check = (names: readonly string[]) => ValidateSymmetryResult;

const OK: ValidateSymmetryResult = { ok: true };
const fail = (code: SymmetryFailureCode, message: string): ValidateSymmetryResult => ({
  ok: false,
  code,
  message,
});
const q = (text: string) => JSON.stringify(text);

const reverse = (text: string) => Array.from(text).reverse().join('');
const reverseLabels = (hostname: string) => hostname.split('.').reverse().join('.');

function unmappable(
  names: readonly string[],
  find: (text: string) => string | undefined,
  what: string,
  allowed: string,
) {
  for (const name of names) {
    const char = find(name);
    if (char !== undefined) {
      return fail('symmetry.character', `${q(char)} in ${q(name)} ${what}; only ${allowed} can`);
    }
  }
  return undefined;
}

const ROTATABLE = 'b d n p q u 6 9 and l o s x z 0 1 8 . -';
const MIRRORABLE = 'b d p q and i l m n o u v w x 0 8 . -';

const CHECKS: Record<SymmetryName, Check> = {
  palindrome: ([name]) => {
    const reversed = reverse(name!);
    return reversed === name
      ? OK
      : fail('symmetry.mismatch', `${q(name!)} reversed reads ${q(reversed)}`);
  },
  flip180: ([name]) => {
    const bad = unmappable([name!], firstUnrotatable, 'cannot be turned 180°', ROTATABLE);
    if (bad) return bad;
    const turned = rotate180(name!)!;
    return turned === name
      ? OK
      : fail('symmetry.mismatch', `${q(name!)} turned 180° reads ${q(turned)}, not itself`);
  },
  doubleflip180: ([first, second]) => {
    const bad = unmappable([first!, second!], firstUnrotatable, 'cannot be turned 180°', ROTATABLE);
    if (bad) return bad;
    const turned = rotate180(first!)!;
    return turned === second
      ? OK
      : fail('symmetry.mismatch', `${q(first!)} turned 180° reads ${q(turned)}, not ${q(second!)}`);
  },
  mirrortext: ([name]) => {
    const bad = unmappable([name!], firstUnmirrorable, 'has no mirror image', MIRRORABLE);
    if (bad) return bad;
    const mirrored = mirrorText(name!)!;
    return mirrored === name
      ? OK
      : fail('symmetry.mismatch', `${q(name!)} in a mirror reads ${q(mirrored)}, not itself`);
  },
  mirrornames: ([first, second]) => {
    const reversed = reverseLabels(first!);
    return reversed === second
      ? OK
      : fail(
          'symmetry.mismatch',
          `${q(first!)} with its labels reversed is ${q(reversed)}, not ${q(second!)}`,
        );
  },
  doublepalindrome: ([first, second]) => {
    const reversed = reverse(first!);
    return reversed === second
      ? OK
      : fail('symmetry.mismatch', `${q(first!)} reversed reads ${q(reversed)}, not ${q(second!)}`);
  },
  singlemirrornames: ([name]) => {
    const reversed = reverseLabels(name!);
    return reversed === name
      ? OK
      : fail(
          'symmetry.mismatch',
          `${q(name!)} with its labels reversed is ${q(reversed)}, not itself`,
        );
  },
  doublemirrortext: ([first, second]) => {
    const bad = unmappable([first!, second!], firstUnmirrorable, 'has no mirror image', MIRRORABLE);
    if (bad) return bad;
    const mirrored = mirrorText(first!)!;
    return mirrored === second
      ? OK
      : fail(
          'symmetry.mismatch',
          `${q(first!)} in a mirror reads ${q(mirrored)}, not ${q(second!)}`,
        );
  },
};

/**
 * Checks that hostnames have the symmetry of a type (by name or code). Hostnames are
 * normalised first with `normalizeHostname` from `@symval/groupid` (lowercase, no trailing
 * dot, IDNA); the symmetry is then judged on their Unicode form, code point by code point, so
 * an internationalised palindrome is one. The count must match the type, and a two-hostname
 * type needs two different hostnames. Pure and browser-safe.
 *
 * @example
 * validateSymmetry('doubleflip180', ['zq.su', 'NS.bz.']); // { ok: true }
 * validateSymmetry('b', ['zq.suns.bx']);
 * // { ok: false, code: 'symmetry.mismatch', message: '"zq.suns.bx" turned 180° reads "xq.suns.bz", not itself' }
 */
export function validateSymmetry(
  typeNameOrCode: string,
  hostnames: readonly string[],
): ValidateSymmetryResult {
  const type = resolveSymmetryType(typeNameOrCode);
  if (!type) {
    const known = SYMMETRY_TYPES.map((t) => `${t.code} (${t.name})`).join(', ');
    return fail(
      'symmetry.unknown-type',
      `unknown symmetry type ${q(String(typeNameOrCode))}; known types are ${known}`,
    );
  }
  if (!Array.isArray(hostnames)) {
    return fail(
      'symmetry.hostnames',
      `hostnames must be an array of strings, received ${typeof hostnames}`,
    );
  }
  if (hostnames.length !== type.hostnames) {
    return fail(
      'symmetry.hostname-count',
      `${type.name} needs ${type.hostnames === 1 ? '1 hostname' : '2 hostnames'}, received ${hostnames.length}`,
    );
  }
  const ascii: string[] = [];
  for (const [index, input] of hostnames.entries()) {
    const normalised = normalizeHostname(input);
    if (!normalised.ok)
      return {
        ok: false,
        code: normalised.code,
        message: `hostnames[${index}]: ${normalised.message}`,
      };
    const earlier = ascii.indexOf(normalised.hostname);
    if (earlier >= 0) {
      return fail(
        'symmetry.duplicate-hostname',
        `hostnames[${earlier}] and hostnames[${index}] are both ${q(normalised.hostname)}; ${type.name} needs ${type.hostnames} different hostnames`,
      );
    }
    ascii.push(normalised.hostname);
  }
  return CHECKS[type.name](ascii.map(toUnicodeHostname));
}
