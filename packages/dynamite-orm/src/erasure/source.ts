import type { ViewerTable } from '../client/viewer-table.js';
import type { TableClient } from '../define-table.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { Condition, ConditionBuilder } from '../expressions/condition.js';
import type { TableShape } from '../model/table-shape.js';
import { describeNode, type ErasureNode } from './graph.js';
import type { RowSource } from './plan.js';
import { storedQueryKey } from './rows.js';

/** The name erasure jobs run under (`asSystem`), so access policies and logs can tell them apart. */
export const ERASURE_ACTOR = 'dynamite-erasure';

type AnyViewerTable = ViewerTable<TableShape>;

// A read policy that does not admit the erasure job would silently shrink the plan: rows it
// cannot see would never be erased. That must fail loudly instead.
function refuseHiddenRows(table: string, actor: string, denied: number): void {
  if (denied > 0) {
    const reason = `the erasure job "${actor}" may not read ${denied} row(s) of table ${table}, so it cannot plan a complete erasure; add allowSystem('${actor}') to that table's read policy`;
    throw new DynamiteError('policy.denied', reason, {
      denials: [{ index: 0, table, operation: 'query', reason }],
    });
  }
}

/**
 * Reads rows through connected tables as the erasure system actor. Queries of the table and of
 * local indexes are consistent; a global index is eventually consistent, so a row written a
 * moment ago may be missed there. Index queries that do not project every attribute are
 * followed by consistent reads of the full items. An entity's query reads its items only (its
 * type is in the filter), each decoded by the entity's schema.
 */
export function dynamoRowSource(
  connections: ReadonlyMap<string, TableClient<TableShape>>,
  actor: string = ERASURE_ACTOR,
): RowSource {
  const handles = new Map<string, AnyViewerTable>();
  const handle = (node: ErasureNode): AnyViewerTable => {
    let h = handles.get(node.name);
    if (!h) {
      const connection = connections.get(node.name);
      if (!connection) {
        throw new DynamiteError(
          'request.invalid',
          `erasure reaches ${describeNode(node)}, which is not among the connected tables`,
        );
      }
      h = connection.asSystem(actor);
      handles.set(node.name, h);
    }
    return h;
  };
  return {
    async query(node, index, key) {
      const db = handle(node);
      const table = node.definition;
      const model = index === undefined ? undefined : table.model.indexes.get(index);
      const consistentRead = model === undefined || model.type === 'local';
      const items: Record<string, unknown>[] = [];
      const entity = node.entity;
      const query = {
        key: storedQueryKey(node, index, key),
        validation: 'lenient',
        consistentRead,
        ...(index ? { index } : {}),
        ...(entity
          ? {
              filter: (c: ConditionBuilder<never>): Condition =>
                c.eq(entity.keys.typeField as never, entity.name as never),
            }
          : {}),
      };
      const rows = db.queryAll(query as never);
      for await (const item of rows) items.push(item as Record<string, unknown>);
      refuseHiddenRows(node.name, actor, rows.denied);
      if (model === undefined || model.projection === 'all' || items.length === 0) return items;
      const { partitionKey, sortKey } = table.model;
      const keys = items.map((item) => ({
        [partitionKey.name]: item[partitionKey.name],
        ...(sortKey ? { [sortKey.name]: item[sortKey.name] } : {}),
      }));
      const full = await db.batchGet(keys as never, {
        consistentRead: true,
        validation: 'lenient',
      });
      refuseHiddenRows(table.name, actor, full.denied);
      return full.items as Record<string, unknown>[];
    },
  };
}
