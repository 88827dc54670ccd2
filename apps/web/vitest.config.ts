import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: [...sharedTestConfig.include, 'build/**/*.test.ts'],
    // One built copy of the site for every Chromium test file.
    globalSetup: [fileURLToPath(new URL('./test/support/global-setup.ts', import.meta.url))],
  },
});
