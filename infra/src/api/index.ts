export { API_ROUTE, createApiFunction, createApiGateway, withoutApiGatewayCors } from './api.js';
export {
  createRateLimitTable,
  RATE_LIMIT_KEY,
  RATE_LIMIT_LINK,
  RATE_LIMIT_TTL_ATTRIBUTE,
  type RateLimitTable,
} from './rate-limit-table.js';
export {
  ROUTER_SECRET_GENERATION,
  ROUTER_SECRET_HEADER,
  ROUTER_SECRET_LENGTH,
  ROUTER_SECRET_LINK,
} from './router-secret.js';
export type { RouterSecret } from './router-secret-resource.js';
