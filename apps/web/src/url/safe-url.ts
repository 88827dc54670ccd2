// Owners and config values are untrusted strings; these decide what may become a link or a
// fetch target.

/** `rel` for every link to an owner's page: no referrer-based trust, no SEO credit. */
export const OWNER_LINK_REL = 'nofollow ugc noopener';

/**
 * The URL to link an owner to, or `null` when the owner must stay plain text: only absolute
 * `http:` or `https:` URLs with a host and without user info (`https://a@b` misleads readers).
 *
 * @example
 * ownerLink('https://zq.suns.bz//:sdʇʇɥ'); // 'https://zq.suns.bz//:sd%CA%87%CA%87%C9%A5'
 * ownerLink('javascript:alert(1)');       // null
 */
export function ownerLink(owner: unknown): string | null {
  if (typeof owner !== 'string' || owner.length === 0 || owner.length > 2048) return null;
  // The URL parser forgives leading spaces and control characters; a link must not.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
  if (owner !== owner.trim() || /[\u0000-\u001f\u007f]/.test(owner)) return null;
  if (!/^https?:\/\//i.test(owner)) return null;
  let url: URL;
  try {
    url = new URL(owner);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}

/**
 * Whether a value may appear in an `href`: an absolute http(s) URL, or a relative reference
 * (path, `?query`, `#fragment`) that cannot carry a scheme.
 */
export function isSafeHref(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
  if (/[\u0000-\u0020\u007f]/.test(value)) return false;
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }
  // A relative reference has no ":" before its first "/", "?" or "#"; "//host" is protocol-relative.
  if (value.startsWith('//')) return false;
  const colon = value.indexOf(':');
  if (colon === -1) return true;
  const firstDelimiter = value.search(/[/?#]/);
  return firstDelimiter !== -1 && firstDelimiter < colon;
}

/**
 * Resolves a configured URL (snapshot, API base) against `base`; `null` unless the result is
 * http(s). Relative values are how the defaults point at the site's own origin.
 */
export function resolveHttpUrl(value: unknown, base: string): URL | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
