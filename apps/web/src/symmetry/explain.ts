// Plain-words explanations for the join form. The verdict is always the attestation
// package's (the same code the API runs); these sentences only show the reader where to look.
import {
  mirrorText,
  rotate180,
  type SymmetryType,
  toUnicodeHostname,
  validateSymmetry,
} from '@symval/attestation/validators';

/** The browser-side symmetry check: the verdict and sentences explaining it. */
export interface SymmetryExplanation {
  ok: boolean;
  /** One sentence: the verdict. */
  summary: string;
  /** Further sentences saying where the names differ from what the symmetry needs. */
  details: string[];
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function quote(text: string): string {
  return `“${text}”`;
}

const reverseText = (text: string): string => Array.from(text).reverse().join('');
const reverseLabels = (text: string): string => text.split('.').reverse().join('.');

/** The first position where two strings differ, 0-based, or -1 when they are equal. */
export function firstDifference(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const length = Math.max(ca.length, cb.length);
  for (let i = 0; i < length; i++) if (ca[i] !== cb[i]) return i;
  return -1;
}

function characterThat(
  transform: (text: string) => string | null,
  text: string,
): string | undefined {
  return Array.from(text).find((ch) => transform(ch) === null);
}

/** "a reads b, which is not c: the 3rd character is x where c has y." */
function compare(subject: string, transformed: string, target: string, targetName: string): string {
  if (transformed === target)
    return `${quote(subject)} becomes ${quote(transformed)}, the same as ${targetName}.`;
  const at = firstDifference(transformed, target);
  const got = Array.from(transformed)[at];
  const want = Array.from(target)[at];
  const where =
    got === undefined || want === undefined
      ? `they have different lengths (${Array.from(transformed).length} and ${Array.from(target).length} characters)`
      : `the ${ordinal(at + 1)} character is ${quote(got)} where ${targetName} has ${quote(want)}`;
  return `${quote(subject)} becomes ${quote(transformed)}, which is not ${targetName}: ${where}.`;
}

function describeTransform(type: SymmetryType, hostnames: readonly string[]): string[] {
  const [a = '', b = ''] = hostnames;
  const cannot = (transform: typeof rotate180, name: string) => {
    const ch = quote(characterThat(transform, name) ?? '?');
    return transform === rotate180
      ? `${quote(name)} cannot be turned upside down: ${ch} has no upside-down form.`
      : `${quote(name)} cannot be mirrored: ${ch} has no mirror image.`;
  };
  switch (type.name) {
    case 'palindrome': {
      const back = reverseText(a);
      if (back === a) return [`${quote(a)} reads the same backwards.`];
      const at = firstDifference(a, back);
      const chars = Array.from(a);
      return [
        `Read backwards, ${quote(a)} is ${quote(back)}.`,
        `A palindrome reads the same both ways, but the ${ordinal(at + 1)} character from the start is ${quote(chars[at] ?? '')} and the ${ordinal(at + 1)} from the end is ${quote(chars[chars.length - 1 - at] ?? '')}.`,
      ];
    }
    case 'flip180': {
      const turned = rotate180(a);
      if (turned === null) return [cannot(rotate180, a)];
      return [`Turned 180°: ${compare(a, turned, a, 'the original')}`];
    }
    case 'mirrortext': {
      const mirrored = mirrorText(a);
      if (mirrored === null) return [cannot(mirrorText, a)];
      return [`In a mirror: ${compare(a, mirrored, a, 'the original')}`];
    }
    case 'singlemirrornames':
      return [`Label by label from the right: ${compare(a, reverseLabels(a), a, 'the original')}`];
    case 'doubleflip180': {
      const turned = rotate180(a);
      if (turned === null) return [cannot(rotate180, a)];
      return [`Turned 180°: ${compare(a, turned, b, quote(b))}`];
    }
    case 'doublemirrortext': {
      const mirrored = mirrorText(a);
      if (mirrored === null) return [cannot(mirrorText, a)];
      return [`In a mirror: ${compare(a, mirrored, b, quote(b))}`];
    }
    case 'mirrornames':
      return [`Label by label from the right: ${compare(a, reverseLabels(a), b, quote(b))}`];
    case 'doublepalindrome':
      return [`Read backwards: ${compare(a, reverseText(a), b, quote(b))}`];
  }
  return [];
}

/**
 * Checks `hostnames` (already normalised) against `type` with the attestation package's
 * validator and explains the outcome in plain words.
 *
 * @example
 * explainSymmetry(palindrome, ['example.com']).details[0];
 * // 'Read backwards, “example.com” is “moc.elpmaxe”.'
 */
export function explainSymmetry(
  type: SymmetryType,
  hostnames: readonly string[],
): SymmetryExplanation {
  const names = hostnames.map(quote).join(' and ');
  if (hostnames.length !== type.hostnames) {
    const need = type.hostnames === 1 ? 'exactly one hostname' : 'exactly two hostnames';
    return {
      ok: false,
      summary: `A ${type.label} group has ${need}; you listed ${hostnames.length}.`,
      details: [],
    };
  }
  const verdict = validateSymmetry(type.code, hostnames);
  // The validator judges the Unicode form of xn-- names; so must the explanation.
  const details = describeTransform(type, hostnames.map(toUnicodeHostname));
  const verb = hostnames.length === 1 ? 'is' : 'are';
  if (verdict.ok) {
    return { ok: true, summary: `${names} ${verb} a valid ${type.label}.`, details };
  }
  // The sentences above explain a mismatch or a character without a turned or mirrored form;
  // for any other refusal (a duplicate, a bad hostname) the validator's own words are clearer.
  const explained = verdict.code === 'symmetry.mismatch' || verdict.code === 'symmetry.character';
  return {
    ok: false,
    summary: `${names} ${verb} not a ${type.label}.`,
    details: explained && details.length > 0 ? details : [sentence(verdict.message)],
  };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}${/[.!?]$/.test(trimmed) ? '' : '.'}`;
}
