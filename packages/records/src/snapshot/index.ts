// `@symval/records/snapshot`: the snapshot format alone, safe in a browser (no `node:` import,
// no AWS SDK, no dynamite). A browser-bundle test keeps it so.
export type { RecordsErrorCode, RecordsErrorDetails } from '../errors.js';
export { RecordsError } from '../errors.js';
export type { SymmetryCode } from '../table/symmetry-code.js';
export { isSymmetryCode, SYMMETRY_CODES } from '../table/symmetry-code.js';
export type { ShardOwnerRead } from './layout/codec.js';
export {
  LAYOUT_FORMATS,
  parseLayoutIndex,
  parseLayoutNode,
  parseOwnerDirectory,
  readLayoutShard,
  readLayoutShardOwners,
  serializeLayoutIndex,
  serializeLayoutNode,
  serializeLayoutShard,
  serializeOwnerDirectory,
} from './layout/codec.js';
export { countOwners, NO_COUNTS, sumCounts } from './layout/counts.js';
export { isOwnerPageId, ownerPageId, ownerPageIdOfGroupId } from './layout/owner-id.js';
export { compareOwners, ownerSortFold } from './layout/owner-order.js';
export type { LayoutPage, LayoutPageOptions } from './layout/page.js';
export { readLayoutPage } from './layout/page.js';
export {
  isLayoutChildFile,
  LAYOUT_INDEX_FILE,
  LAYOUT_VERSION,
  nodeFile,
  OWNER_DIRECTORY_DIGITS,
  OWNER_DIRECTORY_PATH,
  ownerDirectoryBucket,
  ownerDirectoryFile,
  shardFile,
  WHOLE_FILE_FROM_LAYOUT,
} from './layout/paths.js';
export type { LayoutOwnerRead, LayoutRecordsRead, LayoutWalkOptions } from './layout/read.js';
export {
  childFor,
  createHttpLayoutFetch,
  findLayoutOwner,
  listLayoutShards,
  readLayoutIndex,
  readLayoutRecords,
} from './layout/read.js';
export type {
  LayoutChild,
  LayoutCounts,
  LayoutDirectoryInfo,
  LayoutFetch,
  LayoutGroup,
  LayoutHost,
  LayoutIndex,
  LayoutNode,
  LayoutOwner,
  LayoutShard,
  LayoutShardRead,
  LayoutTypeCount,
  OwnerDirectory,
} from './layout/types.js';
export { parseSnapshot, parseSnapshotRecord } from './parse.js';
export { readSnapshot, readSnapshotDocument } from './read.js';
export { formatSnapshotTime, parseSnapshotTime } from './time.js';
export type {
  ParsedSnapshotRecord,
  SnapshotEntryProblem,
  SnapshotRead,
  SnapshotRecord,
} from './types.js';
export {
  compareSnapshotRecords,
  goJsonString,
  SNAPSHOT_FRAMING,
  serializeSnapshot,
  serializeSnapshotEntry,
} from './write.js';
