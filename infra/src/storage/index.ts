export { SITE_BUCKET_CORS, siteBucketPolicy } from './bucket-policy.js';
export { erasureCheckpointTableDefinition } from './checkpoint-table.js';
export type { Storage } from './storage.js';
export { createStorage } from './storage.js';
export type {
  GlobalIndexDefinition,
  KeyAttribute,
  TableDefinition,
  TerraformGlobalIndex,
  TerraformTableArguments,
} from './table-definition.js';
export {
  domainTableDefinition,
  toSstDynamoArgs,
  toTerraformTableArguments,
} from './table-definition.js';
