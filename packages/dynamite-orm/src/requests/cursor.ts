import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamiteError } from '../errors/dynamite-error.js';

/** An opaque pagination cursor: pass it back as `cursor` to continue where a page ended. */
export type Cursor = string & { readonly '~cursor'?: true };

type Encoded = [type: 'S' | 'N' | 'B', value: string];

/** Encodes a LastEvaluatedKey, tied to the index it came from, as a URL-safe string. */
export function encodeCursor(
  index: string | undefined,
  key: Record<string, AttributeValue>,
): Cursor {
  const k: Record<string, Encoded> = {};
  for (const name of Object.keys(key)) {
    const av = key[name]!;
    if (av.S !== undefined) k[name] = ['S', av.S];
    else if (av.N !== undefined) k[name] = ['N', av.N];
    else if (av.B !== undefined) k[name] = ['B', Buffer.from(av.B).toString('base64')];
  }
  return Buffer.from(JSON.stringify({ v: 1, i: index ?? null, k })).toString('base64url') as Cursor;
}

function bad(reason: string): never {
  throw new DynamiteError('cursor.invalid', `the cursor cannot be used: ${reason}`);
}

/** Decodes a cursor, checking it belongs to the same index (or to the table). */
export function decodeCursor(
  cursor: string,
  index: string | undefined,
): Record<string, AttributeValue> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new DynamiteError(
      'cursor.invalid',
      'the cursor cannot be used: it is not a cursor this package made',
      {
        cause: error,
      },
    );
  }
  if (typeof parsed !== 'object' || parsed === null) bad('it is not a cursor this package made');
  const { v, i, k } = parsed as { v?: unknown; i?: unknown; k?: unknown };
  if (v !== 1 || typeof k !== 'object' || k === null) bad('it is not a cursor this package made');
  if ((i ?? undefined) !== index) {
    bad(
      `it was made for ${i ? `index ${String(i)}` : 'the table'}, not ${index ? `index ${index}` : 'the table'}`,
    );
  }
  const out: Record<string, AttributeValue> = {};
  for (const [name, entry] of Object.entries(k as Record<string, unknown>)) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[1] !== 'string')
      bad('malformed key');
    const [type, value] = entry as [unknown, string];
    if (type === 'S') out[name] = { S: value };
    else if (type === 'N') out[name] = { N: value };
    else if (type === 'B') out[name] = { B: new Uint8Array(Buffer.from(value, 'base64')) };
    else bad('malformed key');
  }
  return out;
}
