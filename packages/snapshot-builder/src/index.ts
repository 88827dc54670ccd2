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
export type { ShardedBuilder } from './sharded/builder.js';
export { createShardedBuilder } from './sharded/builder.js';
export {
  IMMUTABLE_CACHE_CONTROL,
  INDEX_CACHE_CONTROL,
  JSON_CONTENT_TYPE,
  PRIVATE_CACHE_CONTROL,
  WHOLE_FILE_CACHE_CONTROL,
} from './sharded/headers.js';
export type { ShardedKeys, ShardedLocation } from './sharded/keys.js';
export { shardedKeys } from './sharded/keys.js';
export type { TreeShape } from './sharded/shape.js';
export { DEFAULT_FANOUT_BITS, DEFAULT_LEAF_BITS } from './sharded/shape.js';
export type {
  ApplyBatchOptions,
  MissingStatePlan,
  ShardedBatchResult,
  ShardedBuilderOptions,
  ShardedRebuildResult,
  StateSource,
  WholeFileOutcome,
} from './sharded/types.js';
export { parseState, STATE_FORMAT, STATE_VERSION, serializeState } from './state/codec.js';
export { SortedEntries } from './state/sorted-entries.js';
export type { BuilderEntry, BuilderState } from './state/state.js';
export { countEntries, emptyState, entryKey, publicRecords, sortedEntries } from './state/state.js';
export type { CountingStore, StoreCounts } from './store/counting-store.js';
export { countingStore } from './store/counting-store.js';
export type { MemoryObject, MemoryStore } from './store/memory-store.js';
export { createMemoryStore } from './store/memory-store.js';
export type {
  CopyOptions,
  ObjectStore,
  PutOptions,
  PutResult,
  StoredObject,
} from './store/object-store.js';
export { createS3Store } from './store/s3-store.js';
export { applyStreamBatch, DEFAULT_TOMBSTONE_RETENTION_MS } from './stream/apply.js';
export { compareSequenceNumbers, isSequenceNumber } from './stream/sequence-number.js';
export type {
  ApplyStreamBatchOptions,
  ApplyStreamBatchResult,
  DecodeFailure,
  StreamRecordInput,
} from './stream/types.js';
