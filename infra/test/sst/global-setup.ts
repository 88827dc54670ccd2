// Evaluates sst.config.ts once per test run for the stages most tests read (each evaluation
// is a bundle and a Node process of its own, several seconds), and hands the results to the
// test files. Tests of other settings call evaluateConfig themselves.
import type { TestProject } from 'vitest/node';
import { type EvaluationResult, evaluateConfig } from './evaluate.js';

/**
 * The environment the shared production evaluation deploys with: what the deploy workflow
 * sets (production's domain, aliases, zone and club claims are pinned in code).
 */
export const PRODUCTION_ENV = { SYMVAL_ALARM_EMAIL: 'ops@suns.example' };

declare module 'vitest' {
  export interface ProvidedContext {
    /** `sst deploy --stage dev`, no deploy settings. */
    sstDev: EvaluationResult;
    /** `sst deploy --stage production` with {@link PRODUCTION_ENV}. */
    sstProduction: EvaluationResult;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const [dev, production] = await Promise.all([
    evaluateConfig({ stage: 'dev' }),
    evaluateConfig({ stage: 'production', env: PRODUCTION_ENV }),
  ]);
  project.provide('sstDev', dev);
  project.provide('sstProduction', production);
}
