const META_CSP =
  /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(?:"([^"]*)"|'([^']*)')\s*\/?>/i;

// Used when a build carries no policy of its own (a dev build): strict, same origin only.
const FALLBACK_CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

function decodeEntities(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/**
 * The Content-Security-Policy to send as a header: the one the built page carries in its
 * `<meta>` tag (apps/web builds it), plus `frame-ancestors 'none'`, which only a header can
 * express (apps/web/README.md asks hosts to send it so).
 *
 * @example
 * cspHeaderFromHtml(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`);
 * // "default-src 'none'; frame-ancestors 'none'"
 */
export function cspHeaderFromHtml(html: string): string {
  const match = META_CSP.exec(html);
  const policy = match ? decodeEntities(match[1] ?? match[2] ?? '').trim() : FALLBACK_CSP;
  return `${policy.replace(/;\s*$/, '')}; frame-ancestors 'none'`;
}

/** The headers every response of the site server carries (API answers keep their own). */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
