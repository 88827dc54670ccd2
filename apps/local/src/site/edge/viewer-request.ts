import type { IncomingMessage } from 'node:http';
import vm from 'node:vm';
import { type EdgeOutcome, fromCloudFrontResult, toCloudFrontEvent } from './cloudfront-event.js';
import {
  type EdgeSettings,
  LOCAL_EDGE_SETTINGS,
  readViewerRequestCode,
  viewerRequestFile,
  withSettings,
} from './settings.js';

/** The site's viewer-request rules, ready to run on Node requests. */
export interface ViewerRequestRules {
  /** Runs the rules on one request: a response to send, or the request to go on with. */
  run(request: IncomingMessage): EdgeOutcome;
}

/**
 * Evaluates rules code (settings already in place) as CloudFront would: in a context of its
 * own, with no Node globals (no `require`, `process` or timers), and takes its `handler`.
 */
export function evaluateViewerRequest(
  code: string,
  filename = 'viewer-request.js',
): (event: unknown) => unknown {
  const handler = vm.runInNewContext(`${code}\n;handler`, Object.create(null), { filename });
  if (typeof handler !== 'function') {
    throw new TypeError(`${filename} defines no function handler(event)`);
  }
  return handler as (event: unknown) => unknown;
}

/**
 * Loads `apps/web/edge/viewer-request.js` (the file the Router's CloudFront Function is made
 * from) with `settings` on its settings line, for the local site server.
 *
 * @example
 * const rules = await loadViewerRequestRules({ mainHost: 'zq.suns.example', redirectHosts: ['suns.example'], scheme: 'http' });
 * rules.run(request); // { kind: 'respond', status: 301, headers: { location: '/group-id/' }, … } for GET /groupid/
 */
export async function loadViewerRequestRules(
  settings: EdgeSettings = LOCAL_EDGE_SETTINGS,
  file: string = viewerRequestFile(),
): Promise<ViewerRequestRules> {
  const handler = evaluateViewerRequest(
    withSettings(await readViewerRequestCode(file), settings, file),
    file,
  );
  return {
    run(request) {
      const event = toCloudFrontEvent(request);
      return fromCloudFrontResult(event, handler(event));
    },
  };
}
