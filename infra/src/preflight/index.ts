export type { AccountClients, AccountFacts } from './account.js';
export { createAccountClients, readAccountFacts } from './account.js';
export type {
  CheckResult,
  ConcurrencyFacts,
  HostedZoneFacts,
  PublicAccessBlockFacts,
} from './checks.js';
export {
  checkConcurrency,
  checkHostedZone,
  checkPublicAccessBlock,
  MIN_UNRESERVED_CONCURRENCY,
} from './checks.js';
export type { PreflightResult } from './preflight.js';
export { formatPreflight, runPreflight } from './preflight.js';
