export type { ApiOrigin } from './api-route.js';
export {
  ALL_VIEWER_EXCEPT_HOST_POLICY,
  API_METHODS,
  API_ORIGIN_ID,
  API_PATH_PATTERN,
  CACHING_DISABLED_POLICY,
  withApiBehaviour,
} from './api-route.js';
export {
  createRouter,
  createSite,
  RECORDS_ROUTE,
  ROUTER_CACHE_KEY_HEADERS,
  WEB_APP,
  withCacheKeyHeaders,
} from './site.js';
