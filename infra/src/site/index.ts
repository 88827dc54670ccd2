export { createRouter, createSite, RECORDS_ROUTE, WEB_APP } from './site.js';
