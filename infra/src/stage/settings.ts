import { InfraError } from '../errors/infra-error.js';

/** The stage whose data is kept: deletion protection, retained resources, longer logs. */
export const PRODUCTION_STAGE = 'production';

/** What differs between stages. Everything else is the same in every stage. */
export interface StageSettings {
  stage: string;
  production: boolean;
  /** How long function and API access logs are kept in CloudWatch. */
  logRetention: '2 weeks' | '3 months';
  /** `LOG_LEVEL` of every function (Powertools logger). */
  logLevel: 'DEBUG' | 'INFO';
  /** Deletion protection on the tables; `sst remove` then fails instead of deleting data. */
  deletionProtection: boolean;
  /** API Gateway stage throttling, for all routes together. */
  apiThrottle: { burstLimit: number; rateLimit: number };
  /** CloudFront invalidation: waiting makes a production deploy finish only once it is live. */
  waitForInvalidation: boolean;
}

// SST stage names become part of resource names, so keep them to what SST accepts.
const STAGE_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * The settings of a stage: `production` keeps its data, any other stage (`dev`, a
 * person's name, `pr-12`) can be removed with everything in it.
 *
 * @example
 * stageSettings('production').deletionProtection; // true
 * stageSettings('dev').logRetention; // '2 weeks'
 */
export function stageSettings(stage: string): StageSettings {
  if (!STAGE_NAME.test(stage)) {
    throw new InfraError(
      'stage.invalid',
      `stage ${JSON.stringify(stage)} is not usable: use lowercase letters, digits and "-", starting with a letter (e.g. "dev", "production")`,
    );
  }
  const production = stage === PRODUCTION_STAGE;
  return {
    stage,
    production,
    logRetention: production ? '3 months' : '2 weeks',
    logLevel: production ? 'INFO' : 'DEBUG',
    deletionProtection: production,
    apiThrottle: production
      ? { burstLimit: 100, rateLimit: 50 }
      : { burstLimit: 20, rateLimit: 10 },
    waitForInvalidation: production,
  };
}

/** What `app()` in `sst.config.ts` returns (SST's `App`, the fields set here). */
export interface AppDefinition {
  name: string;
  home: 'aws';
  removal: 'remove' | 'retain';
  protect: boolean;
}

/**
 * What `app()` in `sst.config.ts` returns: in production `sst remove` is refused
 * (`protect`) and the table and buckets are retained if the stage is ever removed.
 */
export function appDefinition(stage: string | undefined): AppDefinition {
  const production = stage === PRODUCTION_STAGE;
  return {
    name: 'symval',
    home: 'aws',
    removal: production ? 'retain' : 'remove',
    protect: production,
  };
}
