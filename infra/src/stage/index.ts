export type {
  AdoptedResources,
  ClubClaim,
  ClubSettings,
  DeployEnvironment,
} from './deploy-env.js';
export {
  CORS_ANY,
  CORS_SITE,
  checkDeploySettings,
  DEPLOY_VARIABLES,
  REQUIRED_DEPLOY_SETTINGS,
  readDeployEnvironment,
  readStageDeployEnvironment,
} from './deploy-env.js';
export type { PinnedDeploySettings } from './pinned.js';
export { PINNED_DEPLOY_SETTINGS, PRODUCTION_DEPLOY } from './pinned.js';
export type { AppDefinition, StageSettings } from './settings.js';
export { appDefinition, PRODUCTION_STAGE, stageSettings } from './settings.js';
