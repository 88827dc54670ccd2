export type { Api } from './api.js';
export { API_ROUTE, createApi } from './api.js';
