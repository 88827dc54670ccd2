// Erasure declarations: what a table says happens to its rows when a data subject is erased.
export type {
  AnyErasureDecision,
  AnyErasureEdge,
  CascadeEdge,
  DeepEdge,
  EdgePath,
  EntityParentLike,
  ErasureDecision,
  ErasureParent,
  ShallowEdge,
  TableRef,
} from './decision.js';
export { deep, shallow } from './decision.js';
