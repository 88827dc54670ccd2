// What each character looks like turned 180°: b↔q, d↔p, n↔u, 6↔9, and characters that are
// their own rotation. Anything else has no upside-down form among hostname characters.
const ROTATED: ReadonlyMap<string, string> = new Map([
  ['b', 'q'],
  ['q', 'b'],
  ['d', 'p'],
  ['p', 'd'],
  ['n', 'u'],
  ['u', 'n'],
  ['6', '9'],
  ['9', '6'],
  ...[...'losxz018.-'].map((c): [string, string] => [c, c]),
]);

/** The first character of `text` (a code point) that {@link rotate180} cannot turn, if any. */
export function firstUnrotatable(text: string): string | undefined {
  for (const char of text) if (!ROTATED.has(char)) return char;
  return undefined;
}

/**
 * `text` turned 180°: the order reversed and each character replaced by its upside-down form.
 * Works on code points and does not change case: pass lowercase text.
 *
 * @returns the rotated text, or `null` when a character has no upside-down form.
 * @example
 * rotate180('zq.su');      // 'ns.bz'
 * rotate180('zq.suns.bz'); // 'zq.suns.bz'
 * rotate180('abc');        // null ('a' does not rotate)
 */
export function rotate180(text: string): string | null {
  let out = '';
  for (const char of text) {
    const turned = ROTATED.get(char);
    if (turned === undefined) return null;
    out = turned + out;
  }
  return out;
}
