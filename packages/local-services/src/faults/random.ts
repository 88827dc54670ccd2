// A counter-based generator: each draw is a hash of (seed, rule, kind, n), not the next value
// of one shared stream. A decision then depends only on how many requests of its kind the
// rule has seen, so requests of other kinds, arriving in any order, cannot shift it.

function mix32(value: number): number {
  // The murmur3 finaliser: every input bit affects every output bit.
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(text: string, start: number): number {
  let h = start >>> 0;
  for (let i = 0; i < text.length; i++) h = mix32(h ^ text.charCodeAt(i)) + i;
  return mix32(h ^ text.length);
}

/** A number in [0, 1) fixed by its inputs: the same seed, rule, kind and count give the same draw. */
export function draw(seed: number, rule: number, kind: string, n: number): number {
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(rule + 1, 0x27d4eb2f));
  h = hashString(kind, h);
  h = mix32(h ^ Math.imul(n, 0x165667b1));
  return h / 2 ** 32;
}

/** A seed for callers who gave none; it is reported by the proxy so that the run can be replayed. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
