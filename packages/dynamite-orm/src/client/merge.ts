type Settled<T> =
  | { readonly index: number; readonly result: IteratorResult<T> }
  | { readonly index: number; readonly error: unknown };

/**
 * Yields the values of several async iterators as they arrive (used for parallel scan
 * segments). The first error stops the merge; when the consumer stops early or an error
 * occurs, every source still running is closed.
 */
export async function* mergeAsync<T>(sources: AsyncIterator<T>[]): AsyncGenerator<T> {
  // Pending reads never reject, so a read still in flight when the merge stops cannot become
  // an unhandled rejection.
  const pending = new Map<number, Promise<Settled<T>>>();
  const next = (index: number) => {
    pending.set(
      index,
      sources[index]!.next().then(
        (result) => ({ index, result }),
        (error: unknown) => ({ index, error }),
      ),
    );
  };
  for (let index = 0; index < sources.length; index++) next(index);
  try {
    while (pending.size > 0) {
      const settled = await Promise.race(pending.values());
      if ('error' in settled) {
        pending.delete(settled.index);
        throw settled.error;
      }
      if (settled.result.done) {
        pending.delete(settled.index);
      } else {
        next(settled.index);
        yield settled.result.value;
      }
    }
  } finally {
    await Promise.allSettled([...pending.keys()].map((index) => sources[index]!.return?.()));
  }
}
