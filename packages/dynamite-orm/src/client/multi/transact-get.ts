// TransactGetItems across tables and entities: up to 100 reads, one consistent snapshot.
import { type ItemResponse, TransactGetItemsCommand } from '@aws-sdk/client-dynamodb';
import {
  type CancellationReason,
  DynamiteError,
  type PolicyDenial,
} from '../../errors/dynamite-error.js';
import {
  checkGetOperations,
  type GetOperation,
  type GetResults,
  getRequest,
  judge,
  planFetches,
  readTarget,
  settle,
} from './get-operation.js';

/** DynamoDB's limit on reads per TransactGetItems. */
export const TRANSACT_GET_LIMIT = 100;

/**
 * Reads up to 100 items of any tables (and entities) connected to one client, as one
 * snapshot (TransactGetItems: serializable, strongly consistent). The result is a tuple in
 * the order of the reads, each typed by its own table or entity (projected if it asked for
 * `attributes`) or `undefined` where nothing is stored. Each item is decoded by its own schema
 * and checked by its own read policy: a denied item is `policy.denied` (listing every denied
 * read), or `undefined` on a table that conceals denied reads.
 *
 * @example
 * const [user, order] = await transactGet([
 *   users.as(v).tx.get({ userId: 'ada' }),
 *   orders.as(v).tx.get({ userId: 'ada', orderId: 'o1' }, { attributes: ['total'] }),
 * ] as const);
 */
export async function transactGet<const Ops extends readonly GetOperation<unknown>[]>(
  operations: Ops,
): Promise<GetResults<Ops>> {
  return (await readAll(operations, 'transactGet')).items as GetResults<Ops>;
}

/**
 * The TransactGetItems behind `transactGet` (denials throw) and behind a transaction's
 * re-read of what it wrote (`withhold`: denials are withheld and listed, since the write has
 * happened and must not look failed).
 */
export async function readAll(
  operations: readonly GetOperation<unknown>[],
  mode: 'transactGet' | 'withhold' = 'withhold',
): Promise<{ items: unknown[]; denials: PolicyDenial[] }> {
  checkGetOperations('transactGet', operations, TRANSACT_GET_LIMIT);
  const seen = new Set<string>();
  operations.forEach((op, index) => {
    const target = readTarget(op);
    if (seen.has(target)) {
      throw new DynamiteError(
        'request.invalid',
        `transactGet read ${index} reads an item an earlier read reads (DynamoDB refuses that)`,
      );
    }
    seen.add(target);
  });
  const fetches = await planFetches(operations, 'get');
  const first = operations[0]!.caller.connection;
  let responses: ItemResponse[];
  try {
    const out = await first.send(
      new TransactGetItemsCommand({
        TransactItems: operations.map((op, i) => ({ Get: getRequest(op, fetches[i]) })),
      }),
    );
    responses = out.Responses ?? [];
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException') {
      throw cancelled(operations, error);
    }
    throw error;
  }
  const judged = await Promise.all(
    operations.map((op, i) => {
      const raw = responses[i]?.Item;
      return raw && Object.keys(raw).length > 0
        ? judge(op, raw, fetches[i] !== undefined)
        : undefined;
    }),
  );
  const denials: PolicyDenial[] = [];
  const items = settle(
    mode === 'transactGet' ? 'transactGet' : 'batchGetAll',
    operations,
    judged,
    denials,
  );
  return { items, denials };
}

/** A cancelled read transaction (a conflicting write in flight): one reason per read. */
function cancelled(operations: readonly GetOperation<unknown>[], error: Error): DynamiteError {
  const raw = (error as { CancellationReasons?: { Code?: string; Message?: string }[] })
    .CancellationReasons;
  const reasons: CancellationReason[] = operations.map((op, index) => ({
    index,
    table: op.caller.connection.target.tableName,
    operation: 'get',
    code: raw?.[index]?.Code ?? 'None',
    ...(raw?.[index]?.Message ? { message: raw[index]!.Message! } : {}),
    versionConflict: false,
  }));
  const failed = reasons.filter((r) => r.code !== 'None');
  return new DynamiteError(
    'transaction.cancelled',
    `transactGet cancelled: ${failed.map((r) => `#${r.index} get on ${r.table}: ${r.code}`).join('; ') || error.message}`,
    { cause: error, reasons },
  );
}
