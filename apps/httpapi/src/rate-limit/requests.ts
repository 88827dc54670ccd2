import { createHash } from 'node:crypto';
import type { PutItemCommandInput, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import {
  RATE_LIMIT_KEY,
  RATE_LIMIT_TTL_ATTRIBUTE,
  RATE_LIMIT_USED_ATTRIBUTE,
  RATE_LIMIT_WINDOW_ATTRIBUTE,
} from './table.js';

// The DynamoDB requests of the shared limiter, built apart from the code that sends them.

/** What a request is about: the table, the counter's key, the limit and the window. */
export interface CounterRequest {
  tableName: string;
  /** {@link counterKey} of the client. */
  key: string;
  count: number;
  windowMs: number;
  nowMs: number;
}

/**
 * The counter's key: the scope and a hash of the client key, so the table holds no address
 * (a hash of an IPv4 address can be reversed by trying them all, but it is not written down
 * in the clear, and the item goes with its TTL).
 */
export function counterKey(scope: string, client: string): string {
  return `${scope}#${createHash('sha256').update(client).digest('base64url')}`;
}

const NAMES = {
  '#start': RATE_LIMIT_WINDOW_ATTRIBUTE,
  '#used': RATE_LIMIT_USED_ATTRIBUTE,
};

/**
 * Counts one request in the client's current window: only while the window is live and under
 * the limit. On a failed condition DynamoDB returns the item, which says whether the window
 * is full (then: how long until it ends) or over (then: {@link startWindowRequest}).
 */
export function countRequest(r: CounterRequest): UpdateItemCommandInput {
  return {
    TableName: r.tableName,
    Key: { [RATE_LIMIT_KEY]: { S: r.key } },
    UpdateExpression: 'ADD #used :one',
    ConditionExpression: '#start > :cutoff AND #used < :count',
    ExpressionAttributeNames: NAMES,
    ExpressionAttributeValues: {
      ':one': { N: '1' },
      ':cutoff': { N: String(r.nowMs - r.windowMs) },
      ':count': { N: String(r.count) },
    },
    ReturnValues: 'UPDATED_NEW',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}

/**
 * Starts a window with this request counted, unless another instance started one meanwhile
 * (then the condition fails and the request is counted in that window instead).
 */
export function startWindowRequest(r: CounterRequest): PutItemCommandInput {
  return {
    TableName: r.tableName,
    Item: {
      [RATE_LIMIT_KEY]: { S: r.key },
      [RATE_LIMIT_WINDOW_ATTRIBUTE]: { N: String(r.nowMs) },
      [RATE_LIMIT_USED_ATTRIBUTE]: { N: '1' },
      [RATE_LIMIT_TTL_ATTRIBUTE]: { N: String(Math.ceil((r.nowMs + r.windowMs) / 1000)) },
    },
    ConditionExpression: 'attribute_not_exists(#start) OR #start <= :cutoff',
    ExpressionAttributeNames: { '#start': RATE_LIMIT_WINDOW_ATTRIBUTE },
    ExpressionAttributeValues: { ':cutoff': { N: String(r.nowMs - r.windowMs) } },
  };
}
