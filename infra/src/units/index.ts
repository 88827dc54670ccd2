export type { DeployUnitName } from './units.js';
export { APP_TARGETS, DEPLOY_UNIT_TYPE, DEPLOY_UNITS } from './units.js';
