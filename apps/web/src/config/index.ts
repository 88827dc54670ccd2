export type { RawSiteConfig, ResolveConfigResult, SiteConfig } from './config.js';
export { DEFAULT_PRIORITY_OWNER, resolveConfig } from './config.js';
export { buildTimeConfig, loadConfig, siteRoot } from './load.js';
