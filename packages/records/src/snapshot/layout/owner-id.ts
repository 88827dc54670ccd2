import { hashOwner } from '@symval/groupid';

const PAGE_ID = /^[A-Za-z0-9_-]{43}$/;

/** Standard base64 (with padding) to the URL-safe alphabet, without padding. */
function toBase64Url(base64: string): string {
  return base64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * An owner's page id: `base64url(sha256(owner))`, 43 characters. It is the owner part of
 * every v1 group ID of that owner (`v1:<type>:<owner hash>:<hostnames hash>`) in the URL-safe
 * alphabet, so it never changes while the owner keeps their name, and anyone holding one of
 * the owner's group IDs can link to the page.
 *
 * @example
 * ownerPageId('https://example.blog'); // 'DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk'
 */
export function ownerPageId(owner: string): string {
  return toBase64Url(hashOwner(owner));
}

/**
 * The page id inside a v1 group ID (its owner hash, URL-safe), or `undefined` when the text is
 * not shaped like one. It equals `ownerPageId(owner)` for every group ID made by
 * `calculateGroupIdV1(owner, …)`.
 *
 * @example
 * ownerPageIdOfGroupId('v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:jgvt…='); // 'DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk'
 */
export function ownerPageIdOfGroupId(groupId: string): string | undefined {
  const part = groupId.split(':')[2];
  if (part === undefined || !/^[A-Za-z0-9+/]{43}=$/.test(part)) return undefined;
  return toBase64Url(part);
}

/** Whether a text is shaped like a page id (43 URL-safe base64 characters). */
export function isOwnerPageId(text: unknown): text is string {
  return typeof text === 'string' && PAGE_ID.test(text);
}
