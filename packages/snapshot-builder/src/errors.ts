/**
 * What went wrong, as a stable string a caller can switch on.
 *
 * - `state.invalid`: the stored builder state cannot be read (corrupt or of another format).
 * - `state.missing`: there is no builder state and the caller gave no way to make one
 *   (`onMissingState`): rebuild from the table or start empty.
 * - `publish.conflict`: another writer changed the builder state since it was loaded; nothing
 *   of this attempt was committed, and applying the batch again on the new state is safe.
 * - `options.invalid`: a function was called with options it cannot work with.
 */
export type SnapshotBuilderErrorCode =
  | 'state.invalid'
  | 'state.missing'
  | 'publish.conflict'
  | 'options.invalid';

/** The one error class of `@symval/snapshot-builder`. */
export class SnapshotBuilderError extends Error {
  override readonly name = 'SnapshotBuilderError';
  readonly code: SnapshotBuilderErrorCode;

  constructor(code: SnapshotBuilderErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
