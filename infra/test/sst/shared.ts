import { inject } from 'vitest';
import { Deployment } from './deployment.js';

/** `sst deploy --stage dev`, evaluated once for the run (test/sst/global-setup.ts). */
export const dev = (): Deployment => new Deployment(inject('sstDev'));
/** `sst deploy --stage production` with the production settings, evaluated once for the run. */
export const production = (): Deployment => new Deployment(inject('sstProduction'));
/** `sst deploy --stage staging` with every setting from the environment (global-setup.ts). */
export const staging = (): Deployment => new Deployment(inject('sstStaging'));
