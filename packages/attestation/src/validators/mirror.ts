// What each character looks like in a mirror beside it: b↔d, p↔q, and characters that are
// their own mirror image. Others (such as s or z) come out as shapes that are not letters.
const MIRRORED: ReadonlyMap<string, string> = new Map([
  ['b', 'd'],
  ['d', 'b'],
  ['p', 'q'],
  ['q', 'p'],
  ...[...'ilmnouvwx08.-'].map((c): [string, string] => [c, c]),
]);

/** The first character of `text` (a code point) that {@link mirrorText} cannot mirror, if any. */
export function firstUnmirrorable(text: string): string | undefined {
  for (const char of text) if (!MIRRORED.has(char)) return char;
  return undefined;
}

/**
 * `text` as seen in a mirror: the order reversed and each character replaced by its mirror
 * image. Works on code points and does not change case: pass lowercase text.
 *
 * @returns the mirrored text, or `null` when a character has no mirror image.
 * @example
 * mirrorText('duq.xodbox.pub'); // 'duq.xodbox.pub'
 * mirrorText('ood.pub');        // 'duq.boo'
 * mirrorText('sun');            // null ('s' has no mirror image)
 */
export function mirrorText(text: string): string | null {
  let out = '';
  for (const char of text) {
    const mirrored = MIRRORED.get(char);
    if (mirrored === undefined) return null;
    out = mirrored + out;
  }
  return out;
}
