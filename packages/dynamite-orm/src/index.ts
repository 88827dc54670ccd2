export type { Actor, SystemActor, ViewerActor } from './policy/actor.js';
export type {
  AccessGate,
  PlannedWrite,
  RevealResult,
  SystemAccessEvent,
  SystemAccessLogger,
  TableOperation,
  WriteDenial,
} from './access/gate.js';
export { consoleSystemLogger } from './access/gate.js';
export type { RetryOptions } from './client/batch-retry.js';
export type { ConnectOptions } from './client/connection.js';
export type {
  BatchGetOptions,
  BatchGetResult,
  BatchWriteOptions,
  BatchWriteResult,
  DeleteOptions,
  DeleteResult,
  GetOptions,
  ItemIterator,
  Page,
  PutOptions,
  PutResult,
  QueryInput,
  QueryItem,
  QueryKey,
  ReadSummary,
  ScanAllInput,
  ScanInput,
  TableBatchOperation,
  TableUpdateActions,
  UpdateOptions,
  UpdateResult,
} from './client/options.js';
export type { RequestBuilders } from './client/request-builders.js';
export { TableClient } from './client/table-client.js';
export type {
  TransactOperation,
  TransactWriteOptions,
  TransactWriteResult,
} from './client/transact.js';
export { buildTransactWrite, transactWrite } from './client/transact.js';
export type { TransactionBuilders } from './client/transaction-builders.js';
export { ViewerTable } from './client/viewer-table.js';
export type {
  AnyErasureDecision,
  AnyErasureEdge,
  AnyTableDefinition,
  CascadeEdge,
  CheckpointRecord,
  CheckpointTable,
  DeepEdge,
  DeleteStep,
  EdgePath,
  ErasedBy,
  Eraser,
  EraserOptions,
  ErasureDecision,
  ErasureFinding,
  ErasureHop,
  ErasurePlan,
  ErasureProgress,
  ErasureReport,
  ErasureResult,
  ErasureStep,
  ExecuteErasureOptions,
  FindingCode,
  FindingSeverity,
  PendingErasure,
  PersonalAttribute,
  PlanKey,
  RemoveStep,
  ShallowEdge,
  SkippedStep,
  TableCoverage,
  TableRef,
} from './erasure/index.js';
export {
  createEraser,
  deep,
  deserializePlan,
  ERASURE_ACTOR,
  erasureCheckpoints,
  formatErasureReport,
  serializePlan,
  shallow,
  verifyErasure,
} from './erasure/index.js';
export type {
  CancellationReason,
  DynamiteErrorCode,
  DynamiteErrorDetails,
} from './errors/dynamite-error.js';
export { DynamiteError } from './errors/dynamite-error.js';
export type { DataMap, DataMapEntry, TerraformOptions } from './export/index.js';
export { DATA_MAP_COLUMNS, toDataMap, toTerraform } from './export/index.js';
export type {
  ComparisonOperator,
  Condition,
  ConditionBuilder,
  ConditionInput,
  SizeOperand,
} from './expressions/condition.js';
export { conditionBuilder } from './expressions/condition.js';
export type { SortKeyCondition } from './expressions/key-condition.js';
export type { UpdateActions } from './expressions/update.js';
export type { InputOf, ItemOf, KeyOf } from './helpers.js';
export { allOf, firstOf } from './policy/compose.js';
export type { FieldSubject, WithField, WithProperty } from './policy/field-rule.js';
export { fieldEqualsViewer } from './policy/field-rule.js';
export {
  allowAll,
  allowIf,
  allowSystem,
  alwaysAllow,
  alwaysDeny,
  denyIf,
  systemRule,
} from './policy/rules.js';
export type {
  Decision,
  ReadRule,
  Rule,
  RuleResult,
  TablePolicies,
  WriteOperation,
  WriteRule,
  WriteType,
} from './policy/types.js';
export { forSystem } from './policy/types.js';
export type { BatchWriteOperation } from './requests/batch.js';
export type { Cursor } from './requests/cursor.js';
export type { PutMode } from './requests/write.js';
export type {
  AnyAttribute,
  AttributeKind,
  AttributeMeta,
  AttributeState,
  DateStorage,
  DynamoType,
  Fields,
} from './schema/attribute.js';
export { Attribute } from './schema/attribute.js';
export type { DateOptions } from './schema/builders.js';
export { attr } from './schema/builders.js';
export type {
  AttributeAt,
  ElementOf,
  InferInput,
  InferItem,
  InputAt,
  OptionalPaths,
  OutputAt,
  PathOf,
  PathsWhere,
} from './schema/infer.js';
export { parseIsoDateTime } from './schema/iso-date.js';
export type {
  AttributeInfo,
  ItemSchema,
  ReadOptions,
  ReadValidation,
} from './schema/item-schema.js';
export { defineItem } from './schema/item-schema.js';
export type {
  StreamChange,
  StreamEventName,
  StreamRecordLike,
} from './streams/decode-record.js';
export { createTableInput, timeToLiveInput } from './table/create-table.js';
export type { TableConfig } from './table/define-table.js';
export { defineTable, TableDefinition } from './table/define-table.js';
export type { IndexModel } from './table/model.js';
export type {
  Billing,
  IndexConfig,
  IndexName,
  ProjectedItem,
  StreamViewType,
  TableInput,
  TableItem,
  TableKey,
  TableShape,
  Throughput,
  ViewerType,
} from './table/types.js';
export { viewerType } from './table/types.js';
