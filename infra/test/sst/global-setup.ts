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

/**
 * A stage whose settings all come from the environment: a domain with an alias in the
 * club's zone, claims of its own, the existing table and bucket adopted, and the API's CORS
 * narrowed to the stage's own names and a local page.
 */
export const STAGING_ENV = {
  SYMVAL_DOMAIN: 'staging.suns.bz',
  SYMVAL_DOMAIN_ALIASES: 'zq.staging.suns.bz',
  SYMVAL_ZONE: 'suns.bz',
  SYMVAL_CLUB_OWNER: 'https://staging.suns.bz',
  SYMVAL_CLUB_CLAIMS: 'b:zq.staging.suns.bz',
  SYMVAL_ADOPT_TABLE: 'suns-prod-application-table',
  SYMVAL_ADOPT_BUCKET: 'suns-bz-content-123456789012',
  SYMVAL_CORS_ORIGINS: 'site http://localhost:5173',
};

declare module 'vitest' {
  export interface ProvidedContext {
    /** `sst deploy --stage dev`, no deploy settings. */
    sstDev: EvaluationResult;
    /** `sst deploy --stage production` with {@link PRODUCTION_ENV}. */
    sstProduction: EvaluationResult;
    /** `sst deploy --stage staging` with {@link STAGING_ENV}. */
    sstStaging: EvaluationResult;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  // One after the other: run in parallel on a loaded machine, an evaluation once waited
  // forever on inputs (the Streamer's code upload) that never resolved.
  const dev = await evaluateConfig({ stage: 'dev' });
  const production = await evaluateConfig({ stage: 'production', env: PRODUCTION_ENV });
  const staging = await evaluateConfig({ stage: 'staging', env: STAGING_ENV });
  project.provide('sstDev', dev);
  project.provide('sstProduction', production);
  project.provide('sstStaging', staging);
}
