import { readHttpApiConfig } from '@symval/httpapi';
import { readReattestBatchConfig } from '@symval/reattestbatch';
import { readStreamerConfig } from '@symval/streamer';
import { handlerEnvironment } from '../stack/environment.js';

type Env = Readonly<Record<string, string | undefined>>;

// The stores' addresses are not known yet and are not the user's to set: any value will do.
const PLACEHOLDER_ENDPOINTS = { dynamodb: 'http://127.0.0.1:1', s3: 'http://127.0.0.1:1' };

function isConfigError(error: unknown): error is Error {
  return error instanceof Error && (error as { code?: unknown }).code === 'config.invalid';
}

/**
 * Reads the settings the three handlers will read (`@symval/settings`, through each app's
 * own reader, so the rules are the apps'), with the environment the stack gives them, before
 * anything starts. Answers one message per bad setting, each naming the variable, the value
 * and what is allowed; none when every setting is usable.
 *
 * @example
 * await settingsProblems({ ATTEST_RATE_LIMIT: 'lots' });
 * // ['ATTEST_RATE_LIMIT must be "count/seconds" with count >= 1 … received "lots"']
 */
export async function settingsProblems(env: Env): Promise<string[]> {
  const handlerEnv = handlerEnvironment(env, PLACEHOLDER_ENDPOINTS);
  const noLinks = () => undefined;
  const checks: Array<() => unknown> = [
    () => readHttpApiConfig(handlerEnv, noLinks),
    () => readReattestBatchConfig(handlerEnv, noLinks),
    () => readStreamerConfig(handlerEnv, async () => undefined),
  ];
  const problems = new Set<string>();
  for (const check of checks) {
    try {
      await check();
    } catch (error) {
      if (!isConfigError(error)) throw error;
      problems.add(error.message);
    }
  }
  return [...problems];
}
