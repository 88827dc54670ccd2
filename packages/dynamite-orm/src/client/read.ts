// Reads through the read policy: get, one page of a query or scan, and every item as an
// iterator. The requests are built in requests/read.ts; this sends them and reveals the items.
import {
  type AttributeValue,
  GetItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamiteError } from '../errors/dynamite-error.js';
import { keyOfStored } from '../model/table-model.js';
import type { IndexName, TableItem, TableKey, TableShape } from '../model/table-shape.js';
import { encodeCursor } from '../requests/cursor.js';
import { pushIntoQuery, pushIntoScan } from '../requests/pushdown.js';
import {
  buildGet,
  buildQuery,
  buildScan,
  continuationKey,
  findIndex,
  type QueryRequest,
  requestLimit,
  type ScanRequest,
} from '../requests/read.js';
import type { ReadValidation } from '../schema/item-schema.js';
import { type Caller, decodeAll, enter, readDenial, reveal } from './caller.js';
import { decodeStoredKey } from './connection.js';
import { toQueryRequest, toScanRequest } from './convert.js';
import { iterateWithDenied } from './item-iterator.js';
import { mergeAsync } from './merge.js';
import type {
  GetOptions,
  ItemIterator,
  Page,
  QueryInput,
  QueryItem,
  ScanAllInput,
  ScanInput,
} from './options.js';
import { keepFields, planProjection, type ReadProjection } from './projection/plan.js';

/** The query a caller asked for, with what the read policy offers for the actor pushed in. */
export function queryRequestOf(caller: Caller<TableShape>, input: unknown): QueryRequest {
  const { target, gate } = caller.connection;
  return pushIntoQuery(target.model, toQueryRequest(input), gate.readPredicate(caller.actor));
}

/** The scan a caller asked for, with what the read policy offers for the actor pushed in. */
export function scanRequestOf(caller: Caller<TableShape>, input: unknown): ScanRequest {
  const { target, gate } = caller.connection;
  return pushIntoScan(target.model, toScanRequest(input), gate.readPredicate(caller.actor));
}

/**
 * Internal option of `get`, set by an entity's `get`: whether the stored item is another
 * entity's. Where the table conceals denied reads, such an item is missing to a viewer (and
 * reported to `onDeniedRead`), so a viewer cannot learn that the key holds something.
 */
export const foreignItem: unique symbol = Symbol('dynamite.foreignItem');

/** Options carrying the {@link foreignItem} check: the field naming the entity, and its own. */
export type ForeignCheck = { [foreignItem]?: { readonly field: string; readonly value: string } };

function isForeign(
  caller: Caller<TableShape>,
  options: unknown,
  raw: Record<string, AttributeValue>,
) {
  const check = (options as ForeignCheck)[foreignItem];
  if (check === undefined) return false;
  const codec = caller.connection.target.model.codec.byName[check.field];
  return raw[codec?.savedAs ?? check.field]?.S !== check.value;
}

/**
 * `get`: one item by key, `undefined` when absent. An item the policy denies is
 * `policy.denied`, or `undefined` like a missing one where the table conceals denied reads
 * (the denial is reported to `onDeniedRead` either way).
 */
export async function getItem<S extends TableShape>(
  caller: Caller<S>,
  key: TableKey<S>,
  options: GetOptions,
): Promise<TableItem<S> | undefined> {
  const { connection } = caller;
  const { attributes } = options as { attributes?: readonly string[] };
  buildGet(connection.target, key, options);
  enter(caller, 'get');
  const projection = await planProjection(caller, attributes);
  const input = buildGet(connection.target, key, { ...options, attributes: projection.fetch });
  const out = await connection.send(new GetItemCommand(input));
  if (!out.Item) return undefined;
  const { gate } = connection;
  if (gate.conceals(caller.actor) && isForeign(caller, options, out.Item)) {
    const stored = decodeStoredKey(connection, keyOfStored(connection.target.model, out.Item));
    gate.reportDenied(caller.actor, 'get', [stored]);
    return undefined;
  }
  const fetched = projection.fetch !== undefined;
  const [item] = decodeAll(caller, [out.Item], options.validation, undefined, fetched);
  const denial = await readDenial(caller, item);
  if (denial !== undefined) {
    gate.reportDenied(caller.actor, 'get', [item]);
    if (gate.conceals(caller.actor)) return undefined;
    const table = connection.table.name;
    throw new DynamiteError('policy.denied', `get on ${table} refused: ${denial}`, {
      denials: [{ index: 0, table, operation: 'get', reason: denial }],
    });
  }
  return keepFields(item, projection.keep) as TableItem<S>;
}

/** The request as sent: the projection replaced by what the plan fetches. */
function fetching<R extends { attributes?: readonly string[] }>(
  request: R,
  projection: ReadProjection,
): R {
  const { attributes: _, ...rest } = request;
  return (projection.fetch ? { ...rest, attributes: projection.fetch } : rest) as R;
}

/**
 * One page: requests continue until `limit` items the actor may read are found or the
 * results end. The cursor is the key of the last item kept, so the next page starts right
 * after it; items the read policy withholds before that point are counted in `denied`.
 *
 * Where the table conceals denied reads, the cursor never names an item the viewer may not
 * see: DynamoDB may stop (1 MB, or a pushed filter) on a withheld item, so the page ends at
 * the last item kept instead, and a page with none kept yet reads on until one is found or
 * the results end. The withheld items after the last kept one are read again by the next
 * page (counted again in `onDeniedRead`); nothing visible is skipped.
 */
async function readPage(
  caller: Caller<TableShape>,
  operation: 'query' | 'scan',
  request: QueryRequest | ScanRequest,
  validation: ReadValidation | undefined,
): Promise<Page<never>> {
  const { target, send, gate } = caller.connection;
  const index = findIndex(target.model, request.index);
  const { limit } = request;
  const items: unknown[] = [];
  let denied = 0;
  let lastKey: Record<string, AttributeValue> | undefined;
  let lastKept: Record<string, AttributeValue> | undefined;
  let first = true;
  const conceal = gate.conceals(caller.actor);
  enter(caller, operation);
  const projection = await planProjection(caller, request.attributes);
  request = fetching(request, projection);
  const fetched = projection.fetch !== undefined;
  do {
    const next = { ...request, limit: requestLimit(request, items.length) };
    const startKey = first ? undefined : lastKey;
    const out =
      operation === 'query'
        ? await send(new QueryCommand(buildQuery(target, next as QueryRequest, startKey)))
        : await send(new ScanCommand(buildScan(target, next as ScanRequest, startKey)));
    first = false;
    lastKey = out.LastEvaluatedKey;
    const raws = out.Items ?? [];
    const decoded = decodeAll(caller, raws, validation, request.index, fetched);
    const visible = await gate.judgeReads(caller.actor, decoded);
    // Items after the one that fills the page are not part of it: the next page reads them.
    const withheld: unknown[] = [];
    for (let i = 0; i < raws.length; i++) {
      if (visible && !visible[i]) {
        withheld.push(decoded[i]);
        continue;
      }
      items.push(decoded[i]);
      lastKept = raws[i];
      if (items.length === limit) {
        if (i < raws.length - 1) lastKey = continuationKey(target.model, index, raws[i]!);
        break;
      }
    }
    gate.reportDenied(caller.actor, operation, withheld);
    if (!conceal) denied += withheld.length;
  } while (
    lastKey &&
    ((limit !== undefined && items.length < limit) || (conceal && items.length === 0))
  );
  // Concealing: continue after the last item the viewer was given, never after a hidden one.
  if (conceal && lastKey && lastKept) lastKey = continuationKey(target.model, index, lastKept);
  return {
    items: items.map((item) => keepFields(item, projection.keep)) as never[],
    denied,
    ...(lastKey ? { cursor: encodeCursor(request.index, lastKey) } : {}),
  };
}

/** `query`: one page of a query. */
export async function queryPage<S extends TableShape, I extends IndexName<S> | undefined>(
  caller: Caller<S>,
  input: QueryInput<S, I>,
): Promise<Page<QueryItem<S, I>>> {
  return readPage(caller, 'query', queryRequestOf(caller, input), input.validation);
}

/** `scan`: one page of a scan, or of one segment of a parallel scan. */
export async function scanPage<S extends TableShape, I extends IndexName<S> | undefined>(
  caller: Caller<S>,
  input: ScanInput<S, I>,
): Promise<Page<QueryItem<S, I>>> {
  return readPage(caller, 'scan', scanRequestOf(caller, input), input.validation);
}

/** `queryAll`: every item of a query, page after page; `limit` caps the total. */
export function queryAll<S extends TableShape, I extends IndexName<S> | undefined>(
  caller: Caller<S>,
  input: QueryInput<S, I>,
): ItemIterator<QueryItem<S, I>> {
  return iterateWithDenied((countDenied) => queryPages(caller, input, countDenied));
}

async function* queryPages<S extends TableShape, I extends IndexName<S> | undefined>(
  caller: Caller<S>,
  input: QueryInput<S, I>,
  countDenied: (n: number) => void,
): AsyncGenerator<QueryItem<S, I>, void, undefined> {
  const asked = queryRequestOf(caller, input);
  const { target, send } = caller.connection;
  let yielded = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  let first = true;
  enter(caller, 'queryAll');
  const projection = await planProjection(caller, asked.attributes);
  const request = fetching(asked, projection);
  do {
    const query = buildQuery(
      target,
      { ...request, limit: requestLimit(request, yielded) },
      first ? undefined : startKey,
    );
    first = false;
    const out = await send(new QueryCommand(query));
    startKey = out.LastEvaluatedKey;
    const { items, denied } = await reveal(
      caller,
      'queryAll',
      out.Items ?? [],
      input.validation,
      request.index,
      projection.fetch !== undefined,
    );
    countDenied(denied);
    for (const item of items) {
      if (request.limit !== undefined && yielded >= request.limit) return;
      yield keepFields(item, projection.keep);
      yielded++;
    }
  } while (startKey && (request.limit === undefined || yielded < request.limit));
}

/** `scanAll`: every item of a scan; `segments: n` scans n segments in parallel. */
export function scanAll<S extends TableShape, I extends IndexName<S> | undefined>(
  caller: Caller<S>,
  input: ScanAllInput<S, I>,
): ItemIterator<QueryItem<S, I>> {
  return iterateWithDenied((countDenied) => scanSegments(caller, input, countDenied));
}

async function* scanSegments<S extends TableShape, I extends IndexName<S> | undefined>(
  caller: Caller<S>,
  input: ScanAllInput<S, I>,
  countDenied: (n: number) => void,
): AsyncGenerator<QueryItem<S, I>, void, undefined> {
  const { segments: total = 1, limit, ...rest } = input as ScanAllInput<S, I> & { limit?: number };
  const asked = scanRequestOf(caller, rest);
  if (!Number.isSafeInteger(total) || total < 1 || total > 1_000_000) {
    throw new DynamiteError(
      'request.invalid',
      `scanAll: segments must be an integer from 1 to 1000000, got ${total}`,
    );
  }
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
    throw new DynamiteError('request.invalid', `limit must be a positive integer, got ${limit}`);
  }
  enter(caller, 'scanAll');
  const projection = await planProjection(caller, asked.attributes);
  const request = fetching(asked, projection);
  const sources =
    total === 1
      ? [scanSegment(caller, request, input.validation, countDenied)]
      : Array.from({ length: total }, (_, index) =>
          scanSegment(
            caller,
            { ...request, segment: { index, total } },
            input.validation,
            countDenied,
          ),
        );
  const merged = total === 1 ? sources[0]! : mergeAsync(sources);
  let yielded = 0;
  for await (const item of merged) {
    yield keepFields(item, projection.keep);
    yielded++;
    if (limit !== undefined && yielded >= limit) return;
  }
}

async function* scanSegment(
  caller: Caller<TableShape>,
  request: ScanRequest,
  validation: ReadValidation | undefined,
  countDenied: (n: number) => void,
): AsyncGenerator<never, void, undefined> {
  const { target, send } = caller.connection;
  let startKey: Record<string, AttributeValue> | undefined;
  let first = true;
  do {
    const out = await send(
      new ScanCommand(buildScan(target, request, first ? undefined : startKey)),
    );
    first = false;
    startKey = out.LastEvaluatedKey;
    const { items, denied } = await reveal(
      caller,
      'scanAll',
      out.Items ?? [],
      validation,
      request.index,
      request.attributes !== undefined,
    );
    countDenied(denied);
    yield* items;
  } while (startKey);
}
