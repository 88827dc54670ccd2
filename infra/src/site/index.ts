export {
  createRouter,
  createSite,
  RECORDS_ROUTE,
  ROUTER_CACHE_KEY_HEADERS,
  WEB_APP,
  withCacheKeyHeaders,
} from './site.js';
