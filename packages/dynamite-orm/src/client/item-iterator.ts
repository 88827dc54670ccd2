import type { ItemIterator } from './options.js';

/**
 * Wraps an item generator so the caller can read how many items the read policy withheld:
 * live on `.denied`, and as the generator's return value when it ends.
 */
export function iterateWithDenied<T>(
  run: (countDenied: (n: number) => void) => AsyncGenerator<T, void, undefined>,
): ItemIterator<T> {
  let denied = 0;
  async function* iterate(): AsyncGenerator<T, { denied: number }, undefined> {
    yield* run((n) => {
      denied += n;
    });
    return { denied };
  }
  const iterator = iterate();
  Object.defineProperty(iterator, 'denied', { get: () => denied, enumerable: true });
  return iterator as ItemIterator<T>;
}
