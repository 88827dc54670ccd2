export type { Api } from './api.js';
export { API_ROUTE, createApi, withoutApiGatewayCors } from './api.js';
