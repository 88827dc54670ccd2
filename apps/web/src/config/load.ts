import { type ResolveConfigResult, resolveConfig, type SiteConfig } from './config.js';

/** The site root: each page names its way up in `<html data-root="…">`. */
export function siteRoot(): string {
  return new URL(document.documentElement.dataset.root ?? './', location.href).href;
}

/** The settings baked in at build time from `VITE_*` variables. */
export function buildTimeConfig() {
  return {
    snapshotUrl: import.meta.env.VITE_SNAPSHOT_URL,
    apiBase: import.meta.env.VITE_API_BASE,
    priorityOwner: import.meta.env.VITE_PRIORITY_OWNER,
  };
}

/**
 * Reads `config.json` next to the site's `index.html` and merges it over the build-time
 * settings. A missing or broken file leaves the build-time settings in force.
 */
export async function loadConfig(): Promise<SiteConfig> {
  const root = siteRoot();
  let runtime: unknown;
  try {
    const response = await fetch(new URL('config.json', root), { cache: 'no-cache' });
    if (response.ok) runtime = await response.json();
  } catch {
    runtime = undefined;
  }
  const result: ResolveConfigResult = resolveConfig(buildTimeConfig(), runtime, root);
  for (const warning of result.warnings) console.warn(`symval: ${warning}`);
  return result.config;
}
