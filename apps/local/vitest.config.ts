import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// No shared DynamoDB Local here: the process tests start `pnpm dev`'s entry, which starts its
// own (after making or reusing its dev build), and the site server's tests need only s3rver.
export default defineConfig({
  test: sharedTestConfig,
});
