import { resolveHttpUrl } from '../url/safe-url.js';

/** The owner listed first unless configured otherwise. */
export const DEFAULT_PRIORITY_OWNER = 'https://zq.suns.bz//:sdʇʇɥ';

/** Settings as written in the environment or in `config.json`: any field may be missing. */
export interface RawSiteConfig {
  snapshotUrl?: unknown;
  apiBase?: unknown;
  priorityOwner?: unknown;
}

/** The settings a page runs with. */
export interface SiteConfig {
  /** The snapshot, absolute. */
  snapshotUrl: string;
  /** The API base, absolute, ending in `/`. */
  apiBase: string;
  /** `null`: no owner is pinned to the top. */
  priorityOwner: string | null;
}

/** The settings and what was ignored, in words for the console. */
export interface ResolveConfigResult {
  config: SiteConfig;
  warnings: string[];
}

function withSlash(url: URL): string {
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * Merges build-time settings with the run-time `config.json` (which wins field by field) and
 * resolves URLs against the site root. A run-time value of the wrong type or a non-http(s)
 * URL is ignored with a warning, so a broken `config.json` cannot point the site elsewhere.
 *
 * @example
 * resolveConfig({ snapshotUrl: 'records/domains.json' }, { apiBase: 'https://api.example' }, 'https://suns.example/').config;
 * // { snapshotUrl: 'https://suns.example/records/domains.json', apiBase: 'https://api.example/', priorityOwner: 'https://zq.suns.bz//:sdʇʇɥ' }
 */
export function resolveConfig(
  build: RawSiteConfig,
  runtime: unknown,
  siteRoot: string,
): ResolveConfigResult {
  const warnings: string[] = [];
  const overrides: RawSiteConfig =
    typeof runtime === 'object' && runtime !== null && !Array.isArray(runtime)
      ? (runtime as RawSiteConfig)
      : {};
  if (runtime !== undefined && overrides !== runtime) {
    warnings.push('config.json must hold a JSON object; it was ignored');
  }

  const pickUrl = (field: 'snapshotUrl' | 'apiBase', fallback: string): URL => {
    const value = overrides[field];
    if (value !== undefined) {
      const url = resolveHttpUrl(value, siteRoot);
      if (url) return url;
      warnings.push(`config.json: ${field} must be an http(s) URL or a relative path; ignored`);
    }
    const built = resolveHttpUrl(build[field], siteRoot);
    return built ?? new URL(fallback, siteRoot);
  };

  const snapshotUrl = pickUrl('snapshotUrl', 'records/domains.json').href;
  const apiBase = withSlash(pickUrl('apiBase', './'));
  let priorityOwner: string | null =
    typeof build.priorityOwner === 'string' ? build.priorityOwner : DEFAULT_PRIORITY_OWNER;
  if (overrides.priorityOwner !== undefined) {
    if (typeof overrides.priorityOwner === 'string') priorityOwner = overrides.priorityOwner;
    else warnings.push('config.json: priorityOwner must be a string; ignored');
  }

  return {
    config: {
      snapshotUrl,
      apiBase,
      priorityOwner: priorityOwner === '' ? null : priorityOwner,
    },
    warnings,
  };
}
