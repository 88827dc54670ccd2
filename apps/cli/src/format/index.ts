export { formatTable } from './table.js';
export { indent, plural } from './text.js';
export type { TxtRecord } from './txt-records.js';
export { claimRecord, formatTxtRecord } from './txt-records.js';
