import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { LocalError } from '../../errors.js';

/** What the redirect rules read from their `var SETTINGS = {...};` line. */
export interface EdgeSettings {
  /** The name the site answers on; `null`: no host redirects. */
  mainHost: string | null;
  /** Names that redirect to `mainHost` with their path and query (the apex). */
  redirectHosts: string[];
  /** The scheme of a host redirect's URL: `https` on AWS, `http` for a local server. */
  scheme: 'http' | 'https';
}

/** Locally the site has one name (loopback), so only the path rules apply. */
export const LOCAL_EDGE_SETTINGS: EdgeSettings = {
  mainHost: null,
  redirectHosts: [],
  scheme: 'http',
};

// The one line each loader replaces (apps/web/edge/viewer-request.js says so at the top).
const SETTINGS_LINE = /^var SETTINGS = .*;$/gm;

/** `apps/web/edge/viewer-request.js`, found through the `@symval/web` package. */
export function viewerRequestFile(): string {
  const require = createRequire(import.meta.url);
  const web = path.dirname(require.resolve('@symval/web/package.json'));
  return path.join(web, 'edge', 'viewer-request.js');
}

/**
 * The rules' code with `settings` on their settings line. Throws when the line is not there
 * exactly once: rules that silently ran with their defaults would redirect nothing.
 *
 * @example
 * withSettings("var SETTINGS = {};\nfunction handler(e) { return e.request; }", LOCAL_EDGE_SETTINGS);
 * // 'var SETTINGS = {"mainHost":null,"redirectHosts":[],"scheme":"http"};\nfunction handler…'
 */
export function withSettings(code: string, settings: EdgeSettings, file = 'the rules'): string {
  const found = code.match(SETTINGS_LINE)?.length ?? 0;
  if (found !== 1) {
    throw new LocalError(
      'site.missing',
      `${file} must have exactly one line "var SETTINGS = {...};" for the settings; it has ${found}`,
    );
  }
  return code.replace(SETTINGS_LINE, () => `var SETTINGS = ${JSON.stringify(settings)};`);
}

/** Reads the rules file; a missing file is a site that cannot start. */
export async function readViewerRequestCode(file: string = viewerRequestFile()): Promise<string> {
  return readFile(file, 'utf8').catch((error: unknown) => {
    throw new LocalError(
      'site.missing',
      `the site's redirect rules are missing (${file}); they come with @symval/web`,
      { cause: error },
    );
  });
}
