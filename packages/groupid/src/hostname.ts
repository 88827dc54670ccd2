/** Why a hostname was rejected. */
export type HostnameErrorCode =
  | 'hostname.type'
  | 'hostname.empty'
  | 'hostname.too-long'
  | 'hostname.character'
  | 'hostname.label'
  | 'hostname.single-label'
  | 'hostname.ip-address'
  | 'hostname.idna';

export type NormalizeHostnameResult =
  | { ok: true; hostname: string }
  | { ok: false; code: HostnameErrorCode; message: string };

// Characters that would make the URL parser read something other than a host
// (a port, user info, a path) or that never belong in a hostname.
const NOT_HOST = /[\s/\\?#@:%[\]<>^|"'`{}\p{Cc}]/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const NUMERIC_TLD = /^(?:\d+|0x[0-9a-f]*)$/;

function fail(code: HostnameErrorCode, message: string): NormalizeHostnameResult {
  return { ok: false, code, message };
}

function show(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/**
 * Normalises a hostname the way every symval component compares them: surrounding
 * whitespace trimmed, lowercase, one trailing dot removed, Unicode labels converted to
 * ASCII (IDNA, e.g. `bücher.example` becomes `xn--bcher-kva.example`); then checks it is a
 * DNS hostname of at least two labels (letters, digits and inner hyphens, 1 to 63 characters
 * each, 253 in all) and not an IP address. Browser-safe: IDNA comes from the URL parser.
 *
 * @example
 * normalizeHostname(' ZQ.Suns.BZ. '); // { ok: true, hostname: 'zq.suns.bz' }
 * normalizeHostname('a..b');         // { ok: false, code: 'hostname.label', message: … }
 */
export function normalizeHostname(input: unknown): NormalizeHostnameResult {
  if (typeof input !== 'string') {
    return fail(
      'hostname.type',
      `a hostname must be a string, received ${input === null ? 'null' : typeof input}`,
    );
  }
  let host = input.trim();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0) return fail('hostname.empty', 'a hostname must not be empty');
  // Long input is rejected before any parsing work; IDNA can only make it longer.
  if (host.length > 253) {
    return fail(
      'hostname.too-long',
      `a hostname has at most 253 characters, received ${host.length}: ${show(host)}`,
    );
  }
  const bad = NOT_HOST.exec(host);
  if (bad) {
    return fail(
      'hostname.character',
      `a hostname may contain only letters, digits, hyphens and dots; ${show(bad[0])} is not allowed in ${show(host)}`,
    );
  }
  let ascii = host.toLowerCase();
  // Unicode labels are converted, and ASCII "xn--" labels checked, by the URL parser's IDNA.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: checks for any non-ASCII character
  if (/[^\u0000-\u007f]/.test(ascii) || ascii.includes('xn--')) {
    try {
      ascii = new URL(`http://${host}/`).hostname;
    } catch {
      return fail('hostname.idna', `${show(host)} is not a valid internationalised hostname`);
    }
  }
  if (ascii.length > 253) {
    return fail(
      'hostname.too-long',
      `a hostname has at most 253 characters in ASCII form, ${show(host)} has ${ascii.length}`,
    );
  }
  const labels = ascii.split('.');
  for (const label of labels) {
    if (!LABEL.test(label)) {
      const why =
        label.length === 0
          ? 'an empty label (two dots in a row, or a leading dot)'
          : label.length > 63
            ? `a label of ${label.length} characters (at most 63)`
            : `the label ${show(label)}: labels use a-z, 0-9 and hyphens, not at the start or end`;
      return fail('hostname.label', `${show(host)} has ${why}`);
    }
  }
  if (labels.length < 2) {
    return fail(
      'hostname.single-label',
      `${show(host)} must have at least two labels, such as "example.com"`,
    );
  }
  if (NUMERIC_TLD.test(labels.at(-1)!)) {
    return fail('hostname.ip-address', `${show(host)} looks like an IP address; use a hostname`);
  }
  return { ok: true, hostname: ascii };
}
