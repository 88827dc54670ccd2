export type { ApiOrigin } from './api-route.js';
export {
  ALL_VIEWER_EXCEPT_HOST_POLICY,
  API_METHODS,
  API_ORIGIN_ID,
  API_PATH_PATTERN,
  CACHING_DISABLED_POLICY,
  withApiBehaviour,
} from './api-route.js';
export type { LayoutCachePolicies, LayoutCaching } from './layout-cache.js';
export {
  createLayoutCachePolicies,
  LAYOUT_BEHAVIOURS,
  LAYOUT_IMMUTABLE_MAX_AGE_SECONDS,
  LAYOUT_INDEX_MAX_AGE_SECONDS,
  LAYOUT_METHODS,
  LAYOUT_TTLS,
  withLayoutBehaviours,
} from './layout-cache.js';
export {
  createRouter,
  createSite,
  RECORDS_ROUTE,
  ROUTER_CACHE_KEY_HEADERS,
  WEB_APP,
  withCacheKeyHeaders,
} from './site.js';
