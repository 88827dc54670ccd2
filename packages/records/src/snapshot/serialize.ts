// The path the package's main entry has always imported the writer from. The writer itself is
// in write.ts, which the browser entry uses without the table's types.
export { toSnapshotRecord } from './from-record.js';
export { compareSnapshotRecords, goJsonString, serializeSnapshot } from './write.js';
