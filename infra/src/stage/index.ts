export type { DeployEnvironment } from './deploy-env.js';
export {
  REQUIRED_DEPLOY_SETTINGS,
  readDeployEnvironment,
  readStageDeployEnvironment,
} from './deploy-env.js';
export type { AppDefinition, StageSettings } from './settings.js';
export { appDefinition, PRODUCTION_STAGE, stageSettings } from './settings.js';
