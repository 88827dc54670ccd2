export { API_ROUTE, createApiFunction, createApiGateway, withoutApiGatewayCors } from './api.js';
