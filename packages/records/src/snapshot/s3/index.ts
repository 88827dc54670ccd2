// `@symval/records/snapshot/s3`: reading objects and the snapshot from S3 (Node), and telling
// S3's "not found" and "precondition failed" apart from other failures, once for every reader.
export { isS3NotFound, isS3PreconditionFailure, s3HttpStatus } from './errors.js';
export type { S3ObjectLocation, S3ObjectText } from './get-text.js';
export { getS3ObjectText } from './get-text.js';
export type { S3LayoutLocation } from './layout.js';
export { layoutFolder, loadLayoutFromS3, s3LayoutFetch } from './layout.js';
export type { LoadedSnapshot } from './load.js';
export { loadSnapshotFromS3 } from './load.js';
