// The headers of every kind of object, in one place: infra's cache behaviours follow them
// (see the README's "Cache headers").

/** Shards and nodes: uniquely named and never rewritten, so cacheable for good. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** `index.json` and the owner directory: replaced in place, so cached briefly. */
export const INDEX_CACHE_CONTROL = 'public, max-age=15';
/** The whole file, as the Go implementation served it. */
export const WHOLE_FILE_CACHE_CONTROL = 'max-age=60';
/** Private state: never cached. */
export const PRIVATE_CACHE_CONTROL = 'no-store';
/** Every object is JSON. */
export const JSON_CONTENT_TYPE = 'application/json';
