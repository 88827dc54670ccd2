import type { TestProject } from 'vitest/node';
import { type DynamoDbLocalInfo, startDynamoDbLocal } from './dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The DynamoDB Local shared by every test file of this run. */
    dynamodb: DynamoDbLocalInfo;
  }
}

/**
 * The environment variable through which a whole-repository test run (the root `pnpm test`)
 * hands one DynamoDB Local to every package, instead of each package starting its own Java.
 */
export const SHARED_DYNAMODB_ENV = 'SYMVAL_TEST_DYNAMODB_ENDPOINT';

/**
 * Vitest `globalSetup`: one DynamoDB Local per test run, handed to test files through
 * `inject('dynamodb')`. Each test file creates its own tables with unique names. When
 * `SYMVAL_TEST_DYNAMODB_ENDPOINT` names a running DynamoDB Local (the root `pnpm test` sets
 * it), that one is used and left running.
 *
 * @example
 * // vitest.config.ts
 * globalSetup: [fileURLToPath(import.meta.resolve('@symval/local-services/vitest-global-setup'))]
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = process.env[SHARED_DYNAMODB_ENV];
  if (shared) {
    project.provide('dynamodb', {
      endpoint: shared,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    return async () => {};
  }
  const dynamodb = await startDynamoDbLocal();
  project.provide('dynamodb', {
    endpoint: dynamodb.endpoint,
    region: dynamodb.region,
    credentials: dynamodb.credentials,
  });
  return () => dynamodb.stop();
}
