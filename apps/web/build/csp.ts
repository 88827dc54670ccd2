// The Content Security Policy every page ships in a <meta> tag (and that hosts should also
// send as a header, where frame-ancestors works too: see the README).

/** What a page may connect to besides its own origin. */
export interface CspOptions {
  /** Extra `connect-src` sources: origins such as `https://api.example` or `http://127.0.0.1:*`. */
  connectSrc?: readonly string[];
}

// A source expression, conservatively: a scheme-and-host origin with an optional port or
// port wildcard, or a leading "*." host wildcard. Anything else could smuggle in directives.
const SOURCE = /^https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?$/;

/** The origin of `url` when it is absolute http(s), else `null` (relative: same origin). */
export function originOf(url: string | undefined): string | null {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Builds the policy: scripts and styles only from the site itself (no inline script or
 * style), no plugins, no `<base>`, and Trusted Types required so that no string can reach an
 * HTML sink even by mistake.
 *
 * @example
 * buildCsp({ connectSrc: ['https://api.example'] });
 * // "default-src 'none'; script-src 'self'; … connect-src 'self' https://api.example; …"
 */
export function buildCsp(options: CspOptions = {}): string {
  const extra = [...new Set(options.connectSrc ?? [])];
  for (const source of extra) {
    if (!SOURCE.test(source)) {
      throw new Error(
        `CSP connect-src: ${JSON.stringify(source)} is not an origin such as https://api.example or http://127.0.0.1:*`,
      );
    }
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...extra].join(' ')}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

/** The header form adds what a <meta> policy cannot express. */
export function buildCspHeader(options: CspOptions = {}): string {
  return `${buildCsp(options)}; frame-ancestors 'none'`;
}
