// Which DomainRecord operations each function calls, and which IAM actions the DynamoDB
// requests of those operations need. Used by table-use.test.ts (read from the apps' sources)
// and table-access.int.test.ts (the requests, as DynamoDB Local receives them).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RecordOperations } from '@symval/records';
import type { FunctionKey } from '../src/index.js';
import { REPO_ROOT } from './docs.js';

/**
 * The `RecordOperations` methods (from `@symval/records`) each function calls, read from its
 * code: httpapi in src/store/records-store.ts, reattestbatch through the records writer, the
 * streamer in src/stream-handler.ts (the rebuild of a missing builder state).
 */
export const OPERATIONS_USED: Record<FunctionKey, string[]> = {
  httpapi: ['deleteIfUnchanged', 'listGroup', 'upsertAttested'],
  reattestbatch: ['deleteIfUnchanged', 'setValidationIfUnchanged'],
  streamer: ['listAll'],
};

/**
 * Where each function's table calls are written, relative to the repository root: its own
 * source folder, and for reattestbatch the writer it hands its outcomes to
 * (`createReattestWriter` from `@symval/records`), which makes the conditional writes.
 */
export const APP_SOURCES: Record<FunctionKey, string[]> = {
  httpapi: ['apps/httpapi/src'],
  reattestbatch: ['apps/reattestbatch/src', 'packages/records/src/reattest/writer.ts'],
  streamer: ['apps/streamer/src'],
};

/** The operations `RecordOperations` offers (its methods), read from the class. */
export function recordOperationNames(): string[] {
  return Object.getOwnPropertyNames(RecordOperations.prototype)
    .filter((name) => name !== 'constructor')
    .sort();
}

/** The `.ts` files of a folder and its subfolders (or the file itself), tests left out. */
function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

/** What a function's sources do with the table, as far as reading the text can tell. */
export interface AppTableUse {
  /** `RecordOperations` methods called (`.name(`), `get` excepted: see below. */
  operations: string[];
  /** Names imported from `@aws-sdk/client-dynamodb`. */
  sdkImports: string[];
  /** Files importing `@symval/dynamite-orm` directly, or using the `.db` escape hatch. */
  bypasses: string[];
}

/**
 * Reads a function's sources for its use of the table. `get` is not looked for: `.get(` is
 * also Hono's route method and `Map.get`; the integration test covers what the listed
 * operations send, and none of them is `get`.
 */
export function readAppTableUse(key: FunctionKey): AppTableUse {
  const names = recordOperationNames().filter((name) => name !== 'get');
  const call = new RegExp(`\\.(${names.join('|')})\\s*\\(`, 'g');
  const operations = new Set<string>();
  const sdkImports = new Set<string>();
  const bypasses: string[] = [];
  const files = APP_SOURCES[key].flatMap((path) => sourceFiles(join(REPO_ROOT, path)));
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(call)) operations.add(match[1]!);
    for (const match of source.matchAll(
      /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@aws-sdk\/client-dynamodb'/g,
    )) {
      for (const name of match[1]!.split(',')) {
        const trimmed = name.replace(/^\s*type\s+/, '').trim();
        if (trimmed) sdkImports.add(trimmed);
      }
    }
    if (/from\s+'@symval\/dynamite-orm'/.test(source) || /\.db\s*[.)]/.test(source)) {
      bypasses.push(file);
    }
  }
  return { operations: [...operations].sort(), sdkImports: [...sdkImports].sort(), bypasses };
}

/** One request a DynamoDB client sent: the command's name and its input. */
export interface SentRequest {
  command: string;
  input: Record<string, unknown>;
}

const SINGLE_ITEM = {
  GetItemCommand: 'GetItem',
  PutItemCommand: 'PutItem',
  UpdateItemCommand: 'UpdateItem',
  DeleteItemCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
} as const;

const TRANSACT_ELEMENT = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
} as const;

/**
 * The IAM authorisations requests need, as `dynamodb:Action on <resource>` lines, where the
 * resource is the table's ARN or, for a Query or Scan of an index, `<table ARN>/index/<name>`.
 * A transaction is authorised per element by the element's own action ("Using IAM with
 * DynamoDB transactions"); batch requests by BatchGetItem / BatchWriteItem on each table.
 */
export function requiredGrants(
  requests: readonly SentRequest[],
  tableArn: (tableName: string) => string,
): string[] {
  const lines = new Set<string>();
  for (const { command, input } of requests) {
    if (command in SINGLE_ITEM) {
      const action = SINGLE_ITEM[command as keyof typeof SINGLE_ITEM];
      const table = tableArn(input.TableName as string);
      const index = input.IndexName as string | undefined;
      lines.add(`dynamodb:${action} on ${index ? `${table}/index/${index}` : table}`);
    } else if (command === 'TransactWriteItemsCommand') {
      for (const element of input.TransactItems as Record<string, { TableName: string }>[]) {
        for (const [kind, request] of Object.entries(element)) {
          const action = TRANSACT_ELEMENT[kind as keyof typeof TRANSACT_ELEMENT];
          if (!action) throw new Error(`unknown transaction element ${kind}`);
          lines.add(`dynamodb:${action} on ${tableArn(request.TableName)}`);
        }
      }
    } else if (command === 'BatchGetItemCommand' || command === 'BatchWriteItemCommand') {
      const action = command.replace(/Command$/, '');
      for (const name of Object.keys(input.RequestItems as object)) {
        lines.add(`dynamodb:${action} on ${tableArn(name)}`);
      }
    } else {
      throw new Error(`no IAM mapping for ${command}; add one`);
    }
  }
  return [...lines].sort();
}
