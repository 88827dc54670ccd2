/**
 * Who an operation is made for: an application viewer, or a named trusted system job.
 * Every operation goes through one, so access rules have a single place to look.
 */
export type Actor<V> =
  | { readonly kind: 'viewer'; readonly viewer: V }
  | { readonly kind: 'system'; readonly name: string };

/** An actor for an application viewer. */
export function viewerActor<V>(viewer: V): Actor<V> {
  return Object.freeze({ kind: 'viewer', viewer });
}

/** An actor for a named system job (e.g. `nightly-reindex`); the name says who bypasses viewers. */
export function systemActor<V>(name: string): Actor<V> {
  return Object.freeze({ kind: 'system', name });
}
