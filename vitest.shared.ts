// Test settings every package shares. A package's vitest.config.ts spreads these in.
import type { ViteUserConfig } from 'vitest/config';

// The AWS SDK warns once per process that Node 20 support ends in 2027; tests know.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const sharedTestConfig = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  // The JSON results let .ci/run print totals across every package.
  reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-results.json' }]],
} satisfies NonNullable<ViteUserConfig['test']>;
