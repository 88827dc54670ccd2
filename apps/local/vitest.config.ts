import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// No shared DynamoDB Local here: the process tests start `pnpm dev`'s entry, which starts its
// own, and the site server's tests need only s3rver. The entry is built before any test runs.
export default defineConfig({
  test: {
    ...sharedTestConfig,
    globalSetup: [fileURLToPath(new URL('./test/build-entry.ts', import.meta.url))],
  },
});
