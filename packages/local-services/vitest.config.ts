import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // Other packages point at the built '@symval/local-services/vitest-global-setup'.
    globalSetup: ['src/vitest-global-setup.ts'],
  },
});
