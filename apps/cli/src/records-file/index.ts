export type { FileUpsertResult, FileWrite, FileWriteOutcome } from './file-writes.js';
export { applyFileWrites, upsertAttestedInFile } from './file-writes.js';
export type {
  FileChange,
  FileRecord,
  ReadRecordsFileOptions,
  RecordsFile,
} from './records-file.js';
export { REMOVED, readRecordsFile, updateRecordsFile } from './records-file.js';
