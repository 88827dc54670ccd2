// `@symval/records/snapshot`: the snapshot format alone, safe in a browser (no `node:` import,
// no AWS SDK, no dynamite). A browser-bundle test keeps it so.
export type { RecordsErrorCode, RecordsErrorDetails } from '../errors.js';
export { RecordsError } from '../errors.js';
export type { SymmetryCode } from '../table/symmetry-code.js';
export { isSymmetryCode, SYMMETRY_CODES } from '../table/symmetry-code.js';
export { parseSnapshot, parseSnapshotRecord } from './parse.js';
export { readSnapshot, readSnapshotDocument } from './read.js';
export { formatSnapshotTime, parseSnapshotTime } from './time.js';
export type {
  ParsedSnapshotRecord,
  SnapshotEntryProblem,
  SnapshotRead,
  SnapshotRecord,
} from './types.js';
export { compareSnapshotRecords, goJsonString, serializeSnapshot } from './write.js';
