// Erasure declarations: what a table says happens to its rows when a data subject is erased.
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
} from './decision.js';
export { deep, shallow } from './decision.js';
