import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    globalSetup: [fileURLToPath(import.meta.resolve('@symval/local-services/vitest-global-setup'))],
  },
});
