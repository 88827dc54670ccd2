import { InfraError } from '../errors/infra-error.js';
import { PRODUCTION_STAGE } from './settings.js';

/** Optional settings read from the environment of `sst deploy`. */
export interface DeployEnvironment {
  /** `SYMVAL_DOMAIN`: the site's domain on Route 53 (e.g. `suns.example`); unset: CloudFront's. */
  domain?: string;
  /** `SYMVAL_ALARM_EMAIL`: where alarms are mailed (confirm the subscription mail once). */
  alarmEmail?: string;
}

const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads `SYMVAL_DOMAIN` and `SYMVAL_ALARM_EMAIL`; empty values count as unset.
 *
 * @example
 * readDeployEnvironment({ SYMVAL_DOMAIN: 'suns.example' }); // { domain: 'suns.example' }
 */
export function readDeployEnvironment(env: Record<string, string | undefined>): DeployEnvironment {
  const result: DeployEnvironment = {};
  const domain = env.SYMVAL_DOMAIN?.trim();
  if (domain) {
    if (!HOSTNAME.test(domain)) {
      throw new InfraError(
        'env.invalid',
        `SYMVAL_DOMAIN ${JSON.stringify(domain)} is not a lowercase DNS name like "suns.example"; unset it to use the CloudFront domain`,
      );
    }
    result.domain = domain;
  }
  const alarmEmail = env.SYMVAL_ALARM_EMAIL?.trim();
  if (alarmEmail) {
    if (!EMAIL.test(alarmEmail)) {
      throw new InfraError(
        'env.invalid',
        `SYMVAL_ALARM_EMAIL ${JSON.stringify(alarmEmail)} is not an email address like "ops@suns.example"; unset it to send alarms to the SNS topic only`,
      );
    }
    result.alarmEmail = alarmEmail;
  }
  return result;
}

/** The deploy variables of each setting. */
const VARIABLES: Record<keyof DeployEnvironment, string> = {
  domain: 'SYMVAL_DOMAIN',
  alarmEmail: 'SYMVAL_ALARM_EMAIL',
};

/**
 * The settings a stage cannot be deployed without. Production: without `SYMVAL_DOMAIN` a
 * deploy would move the site off its domain (and delete its DNS records and certificate),
 * without `SYMVAL_ALARM_EMAIL` it would delete the alarm mail's subscription.
 */
export const REQUIRED_DEPLOY_SETTINGS: Readonly<Record<string, (keyof DeployEnvironment)[]>> = {
  [PRODUCTION_STAGE]: ['domain', 'alarmEmail'],
};

/**
 * {@link readDeployEnvironment} for a deploy of `stage`, refusing one that lacks a setting
 * {@link REQUIRED_DEPLOY_SETTINGS} asks of the stage.
 *
 * @example
 * readStageDeployEnvironment('dev', {}); // {}
 * readStageDeployEnvironment('production', {}); // throws InfraError 'env.missing'
 */
export function readStageDeployEnvironment(
  stage: string,
  env: Record<string, string | undefined>,
): DeployEnvironment {
  const settings = readDeployEnvironment(env);
  const missing = (REQUIRED_DEPLOY_SETTINGS[stage] ?? []).filter((key) => !settings[key]);
  if (missing.length > 0) {
    const names = missing.map((key) => VARIABLES[key]).join(' and ');
    throw new InfraError(
      'env.missing',
      `a ${stage} deploy needs ${names} (${missing.length === 1 ? 'it is' : 'they are'} unset or blank): without ${missing.length === 1 ? 'it' : 'them'} the deploy would remove the site's domain or the alarm mail; set ${missing.length === 1 ? 'it' : 'them'} in the deploy's environment (the deploy workflow pins them for ${stage})`,
    );
  }
  return settings;
}
