// A client for unit tests without a database: dynamite builds every request itself, so a test
// can answer at the send boundary and assert on the exact inputs sent.
import type {
  BatchGetItemCommandInput,
  BatchGetItemCommandOutput,
  BatchWriteItemCommandInput,
  BatchWriteItemCommandOutput,
  DeleteItemCommandInput,
  DeleteItemCommandOutput,
  DynamoDBClient,
  GetItemCommandInput,
  GetItemCommandOutput,
  PutItemCommandInput,
  PutItemCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  TransactGetItemsCommandInput,
  TransactGetItemsCommandOutput,
  TransactWriteItemsCommandInput,
  TransactWriteItemsCommandOutput,
  UpdateItemCommandInput,
  UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { DynamiteError } from '../errors/dynamite-error.js';
import { operationOf } from './send.js';

type Answer<I, O> = (input: I) => Omit<O, '$metadata'> | Promise<Omit<O, '$metadata'>>;

/** How a stub answers each operation; one left out fails the call, naming it. */
export interface StubHandlers {
  GetItem?: Answer<GetItemCommandInput, GetItemCommandOutput>;
  PutItem?: Answer<PutItemCommandInput, PutItemCommandOutput>;
  UpdateItem?: Answer<UpdateItemCommandInput, UpdateItemCommandOutput>;
  DeleteItem?: Answer<DeleteItemCommandInput, DeleteItemCommandOutput>;
  Query?: Answer<QueryCommandInput, QueryCommandOutput>;
  Scan?: Answer<ScanCommandInput, ScanCommandOutput>;
  BatchGetItem?: Answer<BatchGetItemCommandInput, BatchGetItemCommandOutput>;
  BatchWriteItem?: Answer<BatchWriteItemCommandInput, BatchWriteItemCommandOutput>;
  TransactGetItems?: Answer<TransactGetItemsCommandInput, TransactGetItemsCommandOutput>;
  TransactWriteItems?: Answer<TransactWriteItemsCommandInput, TransactWriteItemsCommandOutput>;
}

/** One request the stub received. */
export interface StubCall {
  readonly operation: keyof StubHandlers;
  readonly input: Readonly<Record<string, unknown>>;
}

/** A stand-in for `DynamoDBClient` that `connect` accepts, with the requests it received. */
export type StubClient = DynamoDBClient & {
  /** Every request received, in order. */
  readonly calls: readonly StubCall[];
};

/**
 * A client for unit tests: `connect(stubClient({ GetItem: () => ({ Item: ... }) }))` runs the
 * real request building, policies and decoding, answers each request with its handler, and
 * records every input in `calls`. An operation without a handler fails with
 * `request.invalid` naming it. For behaviour DynamoDB decides (conditions, paging, capacity),
 * test against DynamoDB Local instead.
 *
 * @example
 * const client = stubClient({ GetItem: () => ({ Item: { id: { S: 'n1' }, text: { S: 'hi' } } }) });
 * const note = await notes.connect(client).asSystem('test').get({ id: 'n1' });
 * console.log(client.calls[0]?.input.TableName); // 'notes'
 */
export function stubClient(handlers: StubHandlers = {}): StubClient {
  const calls: StubCall[] = [];
  const send = async (command: { input: Record<string, unknown> }) => {
    const operation = operationOf(command) as keyof StubHandlers | undefined;
    if (operation === undefined) {
      throw new DynamiteError(
        'request.invalid',
        'stubClient: received a command dynamite does not send',
      );
    }
    // A copy, so a later change by the caller does not rewrite what was recorded.
    calls.push(Object.freeze({ operation, input: structuredClone(command.input) }));
    const handler = handlers[operation] as
      | ((input: unknown) => Record<string, unknown> | Promise<Record<string, unknown>>)
      | undefined;
    if (!handler) {
      throw new DynamiteError(
        'request.invalid',
        `stubClient: no handler for ${operation}; give one, e.g. stubClient({ ${operation}: (input) => ({ ... }) })`,
      );
    }
    return { $metadata: {}, ...(await handler(command.input)) };
  };
  return { send, calls, destroy() {} } as unknown as StubClient;
}
