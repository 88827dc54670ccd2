export type {
  AccessGate,
  DeniedReadEvent,
  DeniedReadLogger,
  PlannedWrite,
  RevealResult,
  SystemAccessEvent,
  SystemAccessLogger,
  TableOperation,
  WriteCheck,
  WriteDenial,
} from './access/gate.js';
export { consoleDeniedReadLogger, consoleSystemLogger } from './access/gate.js';
export type { RetryOptions } from './client/batch-retry.js';
export type { ConnectOptions } from './client/connection.js';
export type {
  BatchGetAllOptions,
  BatchGetAllResult,
  BatchWriteAllOptions,
  BatchWriteAllResult,
} from './client/multi/batch-all.js';
export { batchGetAll, batchWriteAll } from './client/multi/batch-all.js';
export type { BatchBuilders, BatchWriteOp } from './client/multi/batch-builders.js';
export type { GetOperation, GetResults } from './client/multi/get-operation.js';
export { TRANSACT_GET_LIMIT, transactGet } from './client/multi/transact-get.js';
export type {
  BatchGetOptions,
  BatchGetResult,
  BatchWriteOptions,
  BatchWriteResult,
  CountOptions,
  CountQueryInput,
  CountResult,
  CountScanInput,
  DeleteOptions,
  DeleteResult,
  FieldNames,
  GetOptions,
  ItemIterator,
  Page,
  Projected,
  PutOptions,
  PutResult,
  QueryInput,
  QueryItem,
  Read,
  ReadMode,
  ReadSummary,
  ScanAllInput,
  ScanInput,
  TableBatchOperation,
  TableUpdateActions,
  UpdateOptions,
  UpdateResult,
} from './client/options.js';
export type { RequestBuilders } from './client/request-builders.js';
export type { OperationHooks, ReceiveEvent, SendEvent } from './client/send.js';
export type { StubCall, StubClient, StubHandlers } from './client/stub-client.js';
export { stubClient } from './client/stub-client.js';
export type {
  TransactOperation,
  TransactWriteOptions,
  TransactWriteResult,
} from './client/transact.js';
export { buildTransactWrite, transactWrite } from './client/transact.js';
export type { TransactionBuilders } from './client/transaction-builders.js';
export { ViewerTable } from './client/viewer-table.js';
export type { AnyTableDefinition } from './define-table.js';
export { defineTable, TableClient, TableDefinition } from './define-table.js';
export type {
  CheckpointRecord,
  CheckpointTable,
  ConnectedEntityLike,
  DeleteStep,
  EntityCascadeEdge,
  EntityErasure,
  EntityErasureDecision,
  ErasedBy,
  Eraser,
  EraserOptions,
  ErasureFinding,
  ErasureHop,
  ErasureInput,
  ErasurePlan,
  ErasureProgress,
  ErasureReport,
  ErasureResult,
  ErasureStatus,
  ErasureStep,
  ExecuteErasureOptions,
  FindingCode,
  FindingSeverity,
  LedgerEntry,
  PendingErasure,
  PersonalAttribute,
  PlanKey,
  ReappliedErasure,
  ReapplyOptions,
  ReapplyResult,
  RemoveStep,
  SkippedStep,
  TableCoverage,
} from './erasure/index.js';
export {
  createEraser,
  deserializePlan,
  ERASURE_ACTOR,
  entityErasure,
  erasureCheckpoints,
  formatErasureReport,
  serializePlan,
  verifyErasure,
} from './erasure/index.js';
export type {
  AccessPathOver,
  AnyErasureDecision,
  AnyErasureEdge,
  CascadeEdge,
  CascadeEdgeOver,
  DecisionOver,
  DeepEdge,
  EdgePath,
  EntityParentLike,
  ErasureDecision,
  ErasureParent,
  ShallowEdge,
  TableQueryKeys,
  TableRef,
} from './erasure-policy/index.js';
export { deep, shallow } from './erasure-policy/index.js';
export type {
  CancellationReason,
  DeniedWrite,
  DynamiteErrorCode,
  DynamiteErrorConstructor,
  DynamiteErrorDetails,
  DynamiteErrorPayloads,
  PolicyDenial,
  StoredItem,
} from './errors/dynamite-error.js';
export { DynamiteError, isDynamiteError } from './errors/dynamite-error.js';
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
export type { QueryKey, SortKeyCondition } from './expressions/key-condition.js';
export type { UpdateActions } from './expressions/update.js';
export type { InputOf, ItemOf, KeyOf } from './model/helpers.js';
export type { KeySegment, KeyTemplate, TemplateFields } from './model/key-template.js';
export {
  buildKey,
  compileKeyTemplate,
  escapeKeyText,
  readKey,
  unescapeKeyText,
} from './model/key-template.js';
export type { LenientItem, ReadIssue, UncheckedItem } from './model/lenient.js';
export { isChecked, issuesOf, readIssues } from './model/lenient.js';
export type { TableLike } from './model/table-like.js';
export type { IndexModel } from './model/table-model.js';
export type {
  Billing,
  IndexName,
  ProjectedItem,
  StreamViewType,
  TableInput,
  TableItem,
  TableKey,
  TableShape,
  Throughput,
} from './model/table-shape.js';
export type { Actor, SystemActor, ViewerActor } from './policy/actor.js';
export { allOf, firstOf } from './policy/compose.js';
export type { FieldSubject, WithField, WithProperty, WriteOf } from './policy/field-rule.js';
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
  ConditionalDecision,
  Decision,
  ReadOffer,
  ReadRule,
  Rule,
  RuleResult,
  TablePolicies,
  WriteOperation,
  WriteRule,
  WriteType,
} from './policy/types.js';
export { forSystem, operationModel, readOffer } from './policy/types.js';
export type { ItemConditionBuilder, WhereSubject } from './policy/where-rule.js';
export { allowWhere } from './policy/where-rule.js';
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
  Validation,
  ValidationResult,
} from './schema/attribute.js';
export { Attribute } from './schema/attribute.js';
export type { DateOptions, RecordKeyAttribute, Variants } from './schema/builders.js';
export { attr } from './schema/builders.js';
export type {
  AttributeAt,
  DiscriminatedInput,
  DiscriminatedItem,
  ElementOf,
  InferInput,
  InferItem,
  InputAt,
  OptionalPaths,
  OutputAt,
  PathOf,
  PathsWhere,
  RecordOf,
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
  CollectionItem,
  CollectionKey,
  CollectionPage,
  CollectionQueryInput,
  UnknownItem,
} from './single-table/collection.js';
export { Collection, CollectionClient, CollectionViewer } from './single-table/collection.js';
export { defineSingleTable, SingleTable } from './single-table/define-single-table.js';
export type { AnyEntityDefinition, EntityItemOf, EntityKeyOf } from './single-table/entity.js';
export { EntityDefinition } from './single-table/entity.js';
export type {
  EntityBatch,
  EntityCountInput,
  EntityDeleteOptions,
  EntityOperations,
  EntityPlainQuery,
  EntityPutOptions,
  EntityQueryBase,
  EntityQueryInput,
  EntityUpdateActions,
  EntityUpdateOptions,
  EntityWriteResult,
  PlainIndexQuery,
  PlainQueryOptions,
  PlainTableQuery,
} from './single-table/entity-client.js';
export { EntityClient, EntityRequests, EntityViewer } from './single-table/entity-client.js';
export type {
  CheckedEntityConfig,
  EntityConfig,
  EntityIndexName,
  EntityInput,
  EntityItem,
  EntityKey,
  EntityQueryKey,
  EntityShape,
  KeyTemplates,
  PhysicalIndexConfig,
  SingleTableConfig,
} from './single-table/types.js';
export type {
  StreamChange,
  StreamEventName,
  StreamRecordLike,
} from './streams/decode-record.js';
export type { IndexConfig, TableConfig, ViewerType } from './table/config.js';
export { viewerType } from './table/config.js';
export { createTableInput, timeToLiveInput } from './table/create-table.js';
