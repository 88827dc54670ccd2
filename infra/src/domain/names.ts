import type { RedirectSettings } from '../site/redirects.js';
import { CORS_ANY, CORS_SITE, type DeployEnvironment } from '../stage/deploy-env.js';

/** Every name the site is served on: the main name first, then the aliases. */
export function siteNames(settings: DeployEnvironment): string[] {
  return settings.domain ? [settings.domain, ...(settings.aliases ?? [])] : [];
}

/**
 * The site's redirect settings: the main name, and the aliases the main name sits under (the
 * apex `suns.bz` of `zq.suns.bz`), which redirect to it with path and query kept, as the first
 * club's edge did. Other aliases serve the site under their own name. No domain: no redirects.
 *
 * @example
 * siteRedirects({ domain: 'zq.suns.bz', aliases: ['suns.bz', 'zb.snus.suns.bz'] });
 * // { mainHost: 'zq.suns.bz', redirectHosts: ['suns.bz'] }
 */
export function siteRedirects(settings: DeployEnvironment): RedirectSettings {
  const main = settings.domain;
  if (!main) return { mainHost: null, redirectHosts: [] };
  return {
    mainHost: main,
    redirectHosts: (settings.aliases ?? []).filter((alias) => main.endsWith(`.${alias}`)),
  };
}

/** The site's origins (`https://<name>` for each of {@link siteNames}), comma-separated. */
export function siteOrigins(settings: DeployEnvironment): string {
  return siteNames(settings)
    .map((name) => `https://${name}`)
    .join(',');
}

/**
 * The API's `SITE_ORIGIN` for the stage: `*` unless `SYMVAL_CORS_ORIGINS` narrows it, with
 * `site` standing for {@link siteOrigins}. Made from the settings alone, never from the
 * Router's URL, so the API's unit takes nothing from the site's.
 *
 * @example
 * corsOrigins({ domain: 'zq.suns.example', cors: ['site', 'http://localhost:5173'] });
 * // 'https://zq.suns.example,http://localhost:5173'
 */
export function corsOrigins(settings: DeployEnvironment): string {
  const items = settings.cors ?? [CORS_ANY];
  const expanded = items.flatMap((item) =>
    item === CORS_SITE ? siteOrigins(settings).split(',') : [item],
  );
  return [...new Set(expanded)].join(',');
}
