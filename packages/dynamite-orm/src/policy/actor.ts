/** A named trusted job (an export, a migration, erasure) acting without an application viewer. */
export interface SystemActor {
  readonly kind: 'system';
  /** The job's name, as given to `db.asSystem(name)`; it is what the audit log shows. */
  readonly name: string;
}

/** An application viewer acting through `db.as(viewer)`. */
export interface ViewerActor<V> {
  readonly kind: 'viewer';
  readonly viewer: V;
}

/**
 * Who an operation is made for: an application viewer, or a named trusted system job.
 * Every operation goes through one, so access rules have a single place to look.
 */
export type Actor<V> = ViewerActor<V> | SystemActor;

/** An actor for an application viewer. */
export function viewerActor<V>(viewer: V): ViewerActor<V> {
  return Object.freeze({ kind: 'viewer', viewer });
}

/** An actor for a named system job (e.g. `nightly-reindex`); the name says who bypasses viewers. */
export function systemActor(name: string): SystemActor {
  return Object.freeze({ kind: 'system', name });
}
