import type { DeployEnvironment } from '../stage/deploy-env.js';
import { siteNames } from './names.js';

/**
 * The stage's Route 53 zone, looked up by name in the account (public zones only), never
 * created: the zone outlives every stage, and its delegation at the registrar points at its
 * name servers. Undefined when the stage names no zone (SST then finds the zone of each name
 * itself, as `HostedZoneLookup` does).
 */
export function lookUpZone(
  settings: DeployEnvironment,
  parent?: $util.Resource,
): $util.Output<string> | undefined {
  if (!settings.zone) return undefined;
  return aws.route53.getZoneOutput({ name: settings.zone, privateZone: false }, { parent }).zoneId;
}

/**
 * The Router's `domain`: the main name, its aliases on the same distribution and on one
 * certificate (SST's, validated by DNS in the zone), alias records for each name. No
 * `redirects`: SST makes each redirect a second distribution with a certificate of its own;
 * the apex goes to the main name by a redirect in the Router itself.
 */
export function routerDomain(
  settings: DeployEnvironment,
  zoneId: $util.Input<string> | undefined,
): sst.aws.RouterArgs['domain'] {
  const [name, ...aliases] = siteNames(settings);
  if (!name) return undefined;
  return {
    name,
    aliases,
    dns: sst.aws.dns({
      ...(zoneId ? { zone: zoneId } : {}),
      override: settings.takeOverDns ?? false,
    }),
  };
}
