import type { DeployEnvironment } from '../stage/deploy-env.js';

/** Every name the site is served on: the main name first, then the aliases. */
export function siteNames(settings: DeployEnvironment): string[] {
  return settings.domain ? [settings.domain, ...(settings.aliases ?? [])] : [];
}

/** The site's origins (`https://<name>` for each of {@link siteNames}), comma-separated. */
export function siteOrigins(settings: DeployEnvironment): string {
  return siteNames(settings)
    .map((name) => `https://${name}`)
    .join(',');
}
