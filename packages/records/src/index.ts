// What erasing an owner returns, and the error class records operations pass through, so
// callers need not reach past records to the mapper.
export type {
  Eraser,
  ErasurePlan,
  ErasureReport,
  ErasureResult,
  ReadIssue,
  StreamRecordLike,
  SystemAccessEvent,
  SystemAccessLogger,
} from '@symval/dynamite-orm';
export { DynamiteError, formatErasureReport } from '@symval/dynamite-orm';
export type { OwnerEraserOptions } from './erasure/erase-owner.js';
export {
  checkpointTableInputs,
  createOwnerEraser,
  verifyRecordsErasure,
} from './erasure/erase-owner.js';
export type { RecordsErrorCode, RecordsErrorDetails } from './errors.js';
export { RecordsError } from './errors.js';
export type { StoredItemAudit } from './migrate/audit-item.js';
export { auditStoredItem } from './migrate/audit-item.js';
export type { AuditStoredItemsOptions } from './migrate/scan-items.js';
export { approximateItemCount, auditStoredItems } from './migrate/scan-items.js';
export type { ListAllOptions, UpsertAttestedOptions } from './operations/record-operations.js';
export { RecordOperations } from './operations/record-operations.js';
export type { ConnectRecordsOptions, RecordsClient } from './operations/records-client.js';
export { connectRecords } from './operations/records-client.js';
export type {
  AddMissingRevResult,
  DeleteIfUnchangedResult,
  SetValidationResult,
  UpsertAttestedResult,
} from './operations/results.js';
export type { LogLineWriter } from './operations/system-access-log.js';
export { infoSystemAccessLogger } from './operations/system-access-log.js';
export type { AttestedGroup } from './operations/validate-attested.js';
export { MAX_GROUP_SIZE, validateAttestedGroup } from './operations/validate-attested.js';
export type { StoredGroup } from './reattest/group-records.js';
export { groupStoredRecords } from './reattest/group-records.js';
export type { GroupActionKind, RecordOutcome, RecordOutcomeStatus } from './reattest/outcomes.js';
export { previewGroupWrites } from './reattest/outcomes.js';
export type { StoredRecord } from './reattest/stored-record.js';
export { storedRecordFromSnapshot, storedRecordFromTable } from './reattest/stored-record.js';
export type {
  ReattestWriter,
  ReattestWriterOptions,
  ReattestWriteTarget,
} from './reattest/writer.js';
export { createReattestWriter } from './reattest/writer.js';
export { parseSnapshot, parseSnapshotRecord } from './snapshot/parse.js';
export {
  compareSnapshotRecords,
  goJsonString,
  serializeSnapshot,
  toSnapshotRecord,
} from './snapshot/serialize.js';
export type { ParsedSnapshotRecord, SnapshotRecord } from './snapshot/types.js';
export { recordsTableInput } from './table/create-table.js';
export type { DomainRecord, DomainRecordKey } from './table/domain-records.js';
export { DomainRecordItem, domainRecords } from './table/domain-records.js';
export type { SymmetryCode } from './table/symmetry-code.js';
export { isSymmetryCode, SYMMETRY_CODES } from './table/symmetry-code.js';
export type {
  AttestationResultLike,
  AttestedRecordLike,
  RecordsViewer,
} from './table/viewers.js';
export {
  attestationViewer,
  migrationViewer,
  publicViewer,
  reattestationViewer,
} from './table/viewers.js';
export { formatValidateTime, parseRfc3339, parseRfc3339OrThrow } from './time/rfc3339.js';
