import type { TestProject } from 'vitest/node';
import { type DynamoDbLocalInfo, startDynamoDbLocal } from './dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The DynamoDB Local shared by every test file of this run. */
    dynamodb: DynamoDbLocalInfo;
  }
}

/**
 * Vitest `globalSetup`: one DynamoDB Local per test run, handed to test files through
 * `inject('dynamodb')`. Each test file creates its own tables with unique names.
 *
 * @example
 * // vitest.config.ts
 * globalSetup: [fileURLToPath(import.meta.resolve('@symval/local-services/vitest-global-setup'))]
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamodb = await startDynamoDbLocal();
  project.provide('dynamodb', {
    endpoint: dynamodb.endpoint,
    region: dynamodb.region,
    credentials: dynamodb.credentials,
  });
  return () => dynamodb.stop();
}
