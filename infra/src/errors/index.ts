export type { InfraErrorCode } from './infra-error.js';
export { InfraError } from './infra-error.js';
