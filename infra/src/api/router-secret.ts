// The Router secret's names, apart from its resource (router-secret-resource.ts), which imports
// the random provider: that resolves only inside SST's platform.

/**
 * The header the Router adds to every request it passes to the API: `ROUTER_SECRET_HEADER`
 * of `@symval/httpapi` (which reads it lowercased, as HTTP headers are).
 */
export const ROUTER_SECRET_HEADER = 'X-Symval-Router-Secret';

/** The SST link the API reads the secret from (`Resource.RouterSecret.value`). */
export const ROUTER_SECRET_LINK = 'RouterSecret';

/**
 * The secret's length: the API's `ROUTER_SECRET` takes secrets of 32 or more printable
 * characters without spaces or commas, and letters and digits alone are that.
 */
export const ROUTER_SECRET_LENGTH = 48;

/**
 * Bump to rotate the secret: a new value is generated on the next full deploy, which updates
 * the Router's origin header and the API's link together (README, "The Router secret").
 */
export const ROUTER_SECRET_GENERATION = '1';
