import { describe, expect, it } from 'vitest';
import { mergeAsync } from './merge.js';

async function* source(values: number[], delayMs: number, closed: string[], name: string) {
  try {
    for (const v of values) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      yield v;
    }
  } finally {
    closed.push(name);
  }
}

describe('mergeAsync', () => {
  it('yields every value of every source', async () => {
    const closed: string[] = [];
    const out: number[] = [];
    for await (const v of mergeAsync([
      source([1, 2, 3], 3, closed, 'a'),
      source([10, 20], 5, closed, 'b'),
    ]))
      out.push(v);
    expect(out.sort((x, y) => x - y)).toEqual([1, 2, 3, 10, 20]);
    expect(closed.sort()).toEqual(['a', 'b']);
  });

  it('closes the sources still running when the consumer stops early', async () => {
    const closed: string[] = [];
    for await (const v of mergeAsync([
      source([1, 2, 3], 1, closed, 'a'),
      source([10, 20, 30], 1, closed, 'b'),
    ])) {
      if (v) break;
    }
    expect(closed.sort()).toEqual(['a', 'b']);
  });

  it('stops at the first error and closes the others', async () => {
    const closed: string[] = [];
    async function* failing() {
      yield 1;
      throw new Error('segment failed');
    }
    const run = async () => {
      for await (const _ of mergeAsync([failing(), source([1, 2, 3, 4], 5, closed, 'slow')])) {
        // drain
      }
    };
    await expect(run()).rejects.toThrow('segment failed');
    expect(closed).toEqual(['slow']);
  });
});
