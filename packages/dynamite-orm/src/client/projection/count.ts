// COUNT queries and scans. A count must never include items the viewer may not read, so
// DynamoDB's own count (`Select: 'COUNT'`, no items sent back) is used only when the read
// policy allows the actor every item without looking at it. Otherwise every matching item is
// read (the whole item, which the policy may look at), checked, and the readable ones counted;
// `requireDynamoCount` refuses that case instead of reading.
import { type AttributeValue, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { TableOperation } from '../../access/gate.js';
import { DynamiteError } from '../../errors/dynamite-error.js';
import type { TableShape } from '../../model/table-shape.js';
import { buildQuery, buildScan, type QueryRequest, type ScanRequest } from '../../requests/read.js';
import { type Caller, enter, reveal } from '../caller.js';
import type { CountOptions, CountResult } from '../options.js';
import { queryRequestOf, scanRequestOf } from '../read.js';
import { allowsWithoutItems } from './item-free.js';

type Request = QueryRequest | ScanRequest;

async function countRequest(
  caller: Caller<TableShape>,
  operation: 'query' | 'scan',
  request: Request,
  options: CountOptions,
): Promise<CountResult> {
  const { target, send, table } = caller.connection;
  const label: TableOperation = operation;
  enter(caller, label);
  const open = await allowsWithoutItems(caller);
  if (!open && options.requireDynamoCount) {
    const reason = `the read policy of ${table.name} must look at each item to decide for this actor, so DynamoDB cannot count for it (leave out requireDynamoCount to count the items it lets through)`;
    throw new DynamiteError('policy.denied', `count on ${table.name} refused: ${reason}`, {
      denials: [{ index: 0, table: table.name, operation: label, reason }],
    });
  }
  const sent = open ? { ...request, count: true } : request;
  let count = 0;
  let denied = 0;
  let requests = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const out =
      operation === 'query'
        ? await send(new QueryCommand(buildQuery(target, sent as QueryRequest, startKey)))
        : await send(new ScanCommand(buildScan(target, sent as ScanRequest, startKey)));
    requests++;
    startKey = out.LastEvaluatedKey;
    if (open) {
      count += out.Count ?? 0;
      continue;
    }
    const revealed = await reveal(caller, label, out.Items ?? [], options.validation, sent.index);
    count += revealed.items.length;
    denied += revealed.denied;
  } while (startKey);
  return { count, denied, countedBy: open ? 'dynamodb' : 'checked', requests };
}

function refuseItemOptions(input: unknown): CountOptions {
  const given = (input ?? {}) as Record<string, unknown>;
  for (const name of ['limit', 'cursor', 'attributes', 'descending', 'segment']) {
    if (given[name] !== undefined) {
      throw new DynamiteError(
        'request.invalid',
        `a count takes no ${name} (it counts every matching item and returns none)`,
      );
    }
  }
  return given as CountOptions;
}

/** `count`: how many items a query matches that the actor may read. */
export function countQuery(caller: Caller<TableShape>, input: unknown): Promise<CountResult> {
  const options = refuseItemOptions(input);
  return countRequest(caller, 'query', queryRequestOf(caller, input), options);
}

/** `countScan`: how many items a scan matches that the actor may read. */
export function countScan(caller: Caller<TableShape>, input: unknown): Promise<CountResult> {
  const options = refuseItemOptions(input);
  return countRequest(caller, 'scan', scanRequestOf(caller, input), options);
}
