import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // One DynamoDB Local for the run; each integration test file makes its own tables.
    globalSetup: [fileURLToPath(import.meta.resolve('@symval/local-services/vitest-global-setup'))],
  },
});
