export type { CheckResult, SmokeTarget } from './checks.js';
export { DEFAULT_PAGES, runSmokeChecks, SMOKE_HOSTNAME, smokeChecks } from './checks.js';
