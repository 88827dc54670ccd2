export type { DeployEnvironment } from './deploy-env.js';
export { readDeployEnvironment } from './deploy-env.js';
export type { StageSettings } from './settings.js';
export { appDefinition, PRODUCTION_STAGE, stageSettings } from './settings.js';
