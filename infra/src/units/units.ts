/**
 * The deploy units: what `sst deploy --target <unit>` deploys on its own. Each app is a unit
 * that its team ships without touching the others; `Shared` holds what every app uses (the
 * tables, the site bucket, the alarm topic, the HTTP API's endpoint), created once and
 * passed to each app, which references it by name or ARN and never changes it.
 *
 * SST turns `--target X` into Pulumi's `--target <X's URN> --target-dependents`: the unit
 * and everything that depends on it, its children first of all. So an app's resources are
 * created under its unit, and nothing of one app takes an input from another app (only
 * from `Shared`); `test/units.test.ts` walks the dependency graph to check it.
 */
export const DEPLOY_UNITS = {
  /** The tables, the site bucket, the links, the alarm topic, the HTTP API (its endpoint). */
  shared: 'Shared',
  /** The httpapi function, its route on the HTTP API, its alarms. */
  api: 'ApiApp',
  /** The streamer, its stream subscription, its failure queue, its alarms. */
  streamer: 'StreamerApp',
  /** reattestbatch, its daily schedule, its alarms. */
  reattest: 'ReattestApp',
  /** The Router and its domain, certificate and DNS records, the site, the club's claims. */
  site: 'SiteApp',
} as const;

/** A deploy unit's name, as `sst deploy --target` takes it. */
export type DeployUnitName = (typeof DEPLOY_UNITS)[keyof typeof DEPLOY_UNITS];

/** The apps, each deployable alone (`sst deploy --stage <stage> --target <app>`). */
export const APP_TARGETS: readonly DeployUnitName[] = [
  DEPLOY_UNITS.api,
  DEPLOY_UNITS.streamer,
  DEPLOY_UNITS.reattest,
  DEPLOY_UNITS.site,
];

/** The Pulumi type of a deploy unit (a component with no resources of its own). */
export const DEPLOY_UNIT_TYPE = 'symval:deploy:Unit';

/** Creates the unit `name`; its resources are created with `{ parent: unit }`. */
export function createDeployUnit(name: DeployUnitName): $util.ComponentResource {
  // Declared here, not at the top: `$util` is SST's global, there only while `run()` runs.
  class DeployUnit extends $util.ComponentResource {
    constructor() {
      super(DEPLOY_UNIT_TYPE, name, {}, {});
      // Its resources are registered as children; the unit itself has no outputs.
      this.registerOutputs({});
    }
  }
  return new DeployUnit();
}
