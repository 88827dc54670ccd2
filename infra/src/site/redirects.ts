// The site's redirects on the Router: apps/web/edge/viewer-request.js (the one copy of the
// rules, which the local site server runs too) with this deployment's settings, injected into
// the viewer-request CloudFront Function that SST's Router already has (a behaviour takes one
// viewer-request function, and the Router's own routes every request).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { InfraError } from '../errors/infra-error.js';

/** What the rules read from their settings line (apps/web/edge/viewer-request.js). */
export interface RedirectSettings {
  /** The name the site answers on; `null` (CloudFront's own domain): no host redirects. */
  mainHost: string | null;
  /** Names redirected to `mainHost` with their path and query kept (the apex). */
  redirectHosts: string[];
}

/** The rules file, relative to the workspace root. */
export const VIEWER_REQUEST_FILE = 'apps/web/edge/viewer-request.js';

const SETTINGS_LINE = /^var SETTINGS = .*;$/gm;

/**
 * The workspace root, found upwards from this module: from `infra/src/site/` under vitest, and
 * from `infra/.sst/platform/` where SST's CLI (and the tests' evaluation) run the bundled config.
 */
function workspaceRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new InfraError(
        'handler.invalid',
        `no pnpm-workspace.yaml above ${fileURLToPath(import.meta.url)}: cannot find ${VIEWER_REQUEST_FILE}`,
      );
    }
    dir = parent;
  }
}

/**
 * The code of the rules with `settings` on their settings line, as written (comments and all):
 * what the local site server evaluates, and what {@link routerEdge} minifies.
 *
 * @example
 * viewerRequestCode({ mainHost: 'zq.suns.bz', redirectHosts: ['suns.bz'] });
 * // '// The site's redirects…\nvar SETTINGS = {"mainHost":"zq.suns.bz","redirectHosts":["suns.bz"],"scheme":"https"};\n…'
 */
export function viewerRequestCode(settings: RedirectSettings): string {
  const file = path.join(workspaceRoot(), VIEWER_REQUEST_FILE);
  const code = readFileSync(file, 'utf8');
  const found = code.match(SETTINGS_LINE)?.length ?? 0;
  if (found !== 1) {
    throw new InfraError(
      'handler.invalid',
      `${VIEWER_REQUEST_FILE} must have exactly one line "var SETTINGS = {...};"; it has ${found}`,
    );
  }
  const line = `var SETTINGS = ${JSON.stringify({ ...settings, scheme: 'https' })};`;
  return code.replace(SETTINGS_LINE, () => line);
}

/**
 * The Router's `edge` argument: the rules, minified (a CloudFront Function holds at most 10 KB
 * and SST's routing takes most of it), run first in the Router's viewer-request function; a
 * redirect they answer is returned at once, any other request goes on to SST's routing.
 */
export function routerEdge(settings: RedirectSettings): {
  viewerRequest: { injection: string };
} {
  // Names stay inside the function expression, so the minifier shortens them all and none
  // meets SST's own (handler, event, cf).
  const wrapped = `const symvalRedirects = (function () {\n${viewerRequestCode(settings)}\nreturn handler;\n})();`;
  // es2016: CloudFront's runtime 2.0 has const, let and template literals, not `catch {}`.
  const { code } = transformSync(wrapped, { minify: true, target: 'es2016', charset: 'utf8' });
  const injection = `${code.trim()}\nconst symvalAnswer = symvalRedirects(event);\nif (symvalAnswer.statusCode) return symvalAnswer;\nevent.request = symvalAnswer;`;
  return { viewerRequest: { injection } };
}
