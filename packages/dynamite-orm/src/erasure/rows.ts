// How erasure sees the rows of a node: a table's items as they are, an entity's items through
// its key templates (plans show the entity's key fields; DynamoDB gets the stored keys).
import { keyFingerprint } from '../model/table-model.js';
import {
  derivedIndex,
  physicalKey,
  physicalQueryKey,
  toEntityItem,
} from '../single-table/entity-keys.js';
import type { ErasureNode } from './graph.js';
import type { PlanKey } from './plan-types.js';

/** The fields an entity's primary key templates read: its key, as plans show it. */
function entityKeyFields(node: ErasureNode): readonly string[] {
  const { primary } = node.entity!.keys;
  return [
    ...primary.partitionKey.template.fields,
    ...(primary.sortKey?.template.fields.filter(
      (f) => !primary.partitionKey.template.fields.includes(f),
    ) ?? []),
  ];
}

/** The key of a decoded row as a plan shows it (an entity's key fields). */
export function planKeyOf(node: ErasureNode, item: Record<string, unknown>): PlanKey {
  if (node.entity) {
    return Object.fromEntries(entityKeyFields(node).map((f) => [f, item[f]]));
  }
  const { partitionKey, sortKey } = node.definition.model;
  const key: Record<string, unknown> = { [partitionKey.name]: item[partitionKey.name] };
  if (sortKey) key[sortKey.name] = item[sortKey.name];
  return key;
}

/** The key the node's table definition takes (an entity's stored key attributes). */
export function storedKeyOf(node: ErasureNode, key: PlanKey): Record<string, unknown> {
  return node.entity ? physicalKey(node.entity.keys, key) : key;
}

/** A row's identity: its table and stored key (entities of one table share the key space). */
export function rowIdOf(node: ErasureNode, key: PlanKey): string {
  const stored = node.definition.marshalKey(storedKeyOf(node, key) as never);
  return `${node.table}\u0000${keyFingerprint(node.definition.model, stored)}`;
}

/** The key query the node's table definition takes, from the one an edge built. */
export function storedQueryKey(
  node: ErasureNode,
  index: string | undefined,
  key: unknown,
): unknown {
  if (!node.entity) return key;
  const keys = node.entity.keys;
  return physicalQueryKey(keys, derivedIndex(keys, index), key);
}

/** A row as edges and removals see it: an entity's item without its hidden key fields. */
export function rowItem(node: ErasureNode, item: Record<string, unknown>): Record<string, unknown> {
  return node.entity ? toEntityItem(node.entity.keys, item) : item;
}

/** Whether a stored row read through the node's definition is one of its rows (its entity). */
export function isOwnRow(node: ErasureNode, item: Record<string, unknown> | undefined): boolean {
  if (!node.entity || item === undefined) return true;
  return item[node.entity.keys.typeField] === node.entity.name;
}
