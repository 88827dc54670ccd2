import { InfraError } from '../errors/infra-error.js';

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
