export {
  type CheckpointRecord,
  type CheckpointTable,
  erasureCheckpoints,
  type LedgerEntry,
} from './checkpoint.js';
export type {
  EntityCascadeEdge,
  EntityErasure,
  EntityErasureDecision,
} from './entity-erasure.js';
export { entityErasure } from './entity-erasure.js';
export type { ConnectedEntityLike, Eraser, EraserOptions, PendingErasure } from './eraser.js';
export { createEraser } from './eraser.js';
export type {
  ErasureProgress,
  ErasureResult,
  ErasureStatus,
  ExecuteErasureOptions,
  SkippedStep,
} from './execute.js';
export type { ErasureInput } from './graph.js';
export { deserializePlan, serializePlan } from './plan-codec.js';
export type {
  DeleteStep,
  ErasureHop,
  ErasurePlan,
  ErasureStep,
  PlanKey,
  RemoveStep,
} from './plan-types.js';
export type { ReappliedErasure, ReapplyOptions, ReapplyResult } from './reapply.js';
export { formatErasureReport } from './report.js';
export { ERASURE_ACTOR } from './source.js';
export type {
  ErasedBy,
  ErasureFinding,
  ErasureReport,
  FindingCode,
  FindingSeverity,
  PersonalAttribute,
  TableCoverage,
} from './verify.js';
export { verifyErasure } from './verify.js';
