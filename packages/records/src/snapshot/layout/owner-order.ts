// The order owners are listed in, shared by the builder (which cuts the layout into shards in
// this order) and every reader (which descends the index by it). It must give the same answer
// in every JavaScript engine, so only ASCII letters are folded: `toLowerCase` follows the
// engine's Unicode tables, which differ between versions.

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const UPPER = /[A-Z]/;

/**
 * What owners are sorted by: the owner without a leading URL scheme (`https://`), ASCII
 * letters in lower case. "https://A.example" and "http://a.example" sort together.
 *
 * @example
 * ownerSortFold('https://Zq.Suns.bz'); // 'zq.suns.bz'
 */
export function ownerSortFold(owner: string): string {
  const bare = owner.replace(SCHEME, '');
  return UPPER.test(bare) ? bare.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : bare;
}

/**
 * The order of owners in the sharded layout: by {@link ownerSortFold}, then by the exact
 * string (UTF-16 code units), so two owners are equal only when they are the same string.
 *
 * @example
 * ['https://b.example', 'http://A.example'].sort(compareOwners); // ['http://A.example', 'https://b.example']
 */
export function compareOwners(a: string, b: string): number {
  if (a === b) return 0;
  const fa = ownerSortFold(a);
  const fb = ownerSortFold(b);
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a < b ? -1 : 1;
}
