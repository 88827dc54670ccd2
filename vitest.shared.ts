// Test settings every package shares. A package's vitest.config.ts spreads these in.
import type { ViteUserConfig } from 'vitest/config';

// The AWS SDK warns once per process that Node 20 support ends in 2027; tests know.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// vitest 5 prints failures with Map.groupBy (Node 21+); on Node 20 the reporter would crash
// instead of showing the diff.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<K, V>(items: Iterable<V>, keyOf: (item: V, index: number) => K): Map<K, V[]> {
      const groups = new Map<K, V[]>();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
  });
}

/**
 * A hang guard, not a budget. Tests wait on events and conditions (a ready line, a stream
 * record, a file), never on a time tuned to a quiet machine; this only ends a test that is
 * stuck, and is long enough that a test doing its work on a machine busy with other work
 * never reaches it. A test file must not set a shorter one.
 */
export const HANG_GUARD_MS = 10 * 60_000;

export const sharedTestConfig = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  testTimeout: HANG_GUARD_MS,
  hookTimeout: HANG_GUARD_MS,
  teardownTimeout: HANG_GUARD_MS,
  // expect.poll gives up after one second by default: a budget, which a busy machine misses
  // (a Chromium retry click did, in CI). A poll waits for its condition up to the hang guard.
  expect: { poll: { timeout: HANG_GUARD_MS } },
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  // The JSON results let .ci/run print totals across every package.
  reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-results.json' }]],
} satisfies NonNullable<ViteUserConfig['test']>;
