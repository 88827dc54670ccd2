export type { CloudFrontEvent, CloudFrontRequest, EdgeOutcome } from './cloudfront-event.js';
export { fromCloudFrontResult, toCloudFrontEvent } from './cloudfront-event.js';
export type { EdgeSettings } from './settings.js';
export { LOCAL_EDGE_SETTINGS, viewerRequestFile, withSettings } from './settings.js';
export type { ViewerRequestRules } from './viewer-request.js';
export { evaluateViewerRequest, loadViewerRequestRules } from './viewer-request.js';
