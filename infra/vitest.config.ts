import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    globalSetup: [
      // One DynamoDB Local for the run (table-access.int.test.ts records what the functions send).
      fileURLToPath(import.meta.resolve('@symval/local-services/vitest-global-setup')),
      // sst.config.ts evaluated with SST's real components for dev and production.
      './test/sst/global-setup.ts',
    ],
  },
});
