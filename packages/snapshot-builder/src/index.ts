export type { SnapshotBuilderErrorCode } from './errors.js';
export { SnapshotBuilderError } from './errors.js';
export type {
  LoadedState,
  PublishSnapshotOptions,
  PublishSnapshotResult,
  SnapshotLocation,
} from './publish/publish.js';
export {
  loadState,
  objectExists,
  publishSnapshot,
  SNAPSHOT_CACHE_CONTROL,
  SNAPSHOT_CONTENT_TYPE,
} from './publish/publish.js';
export { rebuildFromTable } from './rebuild/rebuild.js';
export { parseState, STATE_FORMAT, STATE_VERSION, serializeState } from './state/codec.js';
export { SortedEntries } from './state/sorted-entries.js';
export type { BuilderEntry, BuilderState } from './state/state.js';
export { countEntries, emptyState, entryKey, publicRecords, sortedEntries } from './state/state.js';
export { applyStreamBatch, DEFAULT_TOMBSTONE_RETENTION_MS } from './stream/apply.js';
export { compareSequenceNumbers, isSequenceNumber } from './stream/sequence-number.js';
export type {
  ApplyStreamBatchOptions,
  ApplyStreamBatchResult,
  DecodeFailure,
  StreamRecordInput,
} from './stream/types.js';
