import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { decodeLenient, type LenientItem } from '../model/lenient.js';
import type { TableLike } from '../model/table-like.js';
import { decodeKey } from '../model/table-model.js';
import type { TableItem, TableKey, TableShape } from '../model/table-shape.js';
import { toDynamiteError } from '../schema/issue.js';
import type { ReadValidation } from '../schema/item-schema.js';

/**
 * A stream record in either shape: the Lambda event (`aws-lambda`'s `DynamoDBRecord`, where
 * binary values are base64 strings and the time is epoch seconds) or the DynamoDB Streams API
 * (`@aws-sdk/client-dynamodb-streams`' `Record`, with `Uint8Array` and `Date`).
 */
export interface StreamRecordLike {
  readonly eventName?: string;
  readonly eventID?: string;
  readonly dynamodb?: {
    readonly Keys?: Record<string, unknown>;
    readonly NewImage?: Record<string, unknown>;
    readonly OldImage?: Record<string, unknown>;
    readonly SequenceNumber?: string;
    readonly ApproximateCreationDateTime?: number | Date;
    readonly StreamViewType?: string;
  };
}

/** The event names of DynamoDB streams. */
export type StreamEventName = 'INSERT' | 'MODIFY' | 'REMOVE';

/** An image as a decoding of mode `R` gives it: a lenient one may be unchecked. */
type Image<S extends TableShape, R> = R extends 'lenient'
  ? LenientItem<TableItem<S>>
  : TableItem<S>;

/**
 * A decoded stream record. The images present depend on the stream view type. Decoded with
 * `validation: 'lenient'` (`R`), an image that does not match the schema is unchecked.
 */
export interface StreamChange<S extends TableShape, R extends ReadValidation = 'strict'> {
  readonly eventName: StreamEventName;
  readonly key: TableKey<S>;
  /** The item after the change (INSERT, MODIFY; with NEW_IMAGE or NEW_AND_OLD_IMAGES). */
  readonly newItem: Image<S, R> | undefined;
  /** The item before the change (MODIFY, REMOVE; with OLD_IMAGE or NEW_AND_OLD_IMAGES). */
  readonly oldItem: Image<S, R> | undefined;
  readonly sequenceNumber: string | undefined;
  readonly eventId: string | undefined;
  /** When the change happened, to the second (as DynamoDB reports it). */
  readonly approximateCreationTime: Date | undefined;
}

const EVENT_NAMES = new Set(['INSERT', 'MODIFY', 'REMOVE']);

/** Lambda events carry binary values as base64 text; the SDK shape carries bytes. */
function normalize(value: unknown): AttributeValue {
  const av = value as Record<string, unknown>;
  if (typeof av.B === 'string') return { B: new Uint8Array(Buffer.from(av.B, 'base64')) };
  if (Array.isArray(av.BS) && av.BS.some((b) => typeof b === 'string')) {
    return {
      BS: av.BS.map((b) =>
        typeof b === 'string' ? new Uint8Array(Buffer.from(b, 'base64')) : (b as Uint8Array),
      ),
    };
  }
  if (Array.isArray(av.L)) return { L: av.L.map(normalize) };
  if (av.M && typeof av.M === 'object')
    return { M: normalizeImage(av.M as Record<string, unknown>) };
  return av as unknown as AttributeValue;
}

function normalizeImage(image: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const name of Object.keys(image)) out[name] = normalize(image[name]);
  return out;
}

function creationTime(value: number | Date | undefined): Date | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value : new Date(value * 1000);
}

/** Decodes one stream record for a table (`table.decodeStreamRecord(record)`). */
export function decodeStreamRecord<S extends TableShape, R extends ReadValidation = 'strict'>(
  table: TableLike<S>,
  record: StreamRecordLike,
  options?: { validation?: R },
): StreamChange<S, R> {
  const eventName = record?.eventName;
  if (typeof eventName !== 'string' || !EVENT_NAMES.has(eventName)) {
    throw new DynamiteError(
      'schema.invalid',
      `stream record: eventName expected INSERT, MODIFY or REMOVE, received ${describeValue(eventName)}`,
      { path: 'eventName', expected: 'INSERT, MODIFY or REMOVE', received: eventName },
    );
  }
  const data = record.dynamodb;
  if (!data?.Keys) {
    throw new DynamiteError(
      'schema.invalid',
      'stream record: dynamodb.Keys expected, received nothing',
      {
        path: 'dynamodb.Keys',
        expected: 'the key attributes',
        received: data?.Keys,
      },
    );
  }
  const lenient = options?.validation === 'lenient';
  const decodeImage = (image: Record<string, unknown> | undefined, which: string) => {
    if (!image) return undefined;
    try {
      const raw = normalizeImage(image);
      const { codec } = table.model;
      return (lenient ? decodeLenient(codec, raw) : codec.decode(raw, false)) as Image<S, R>;
    } catch (error) {
      return toDynamiteError(
        error,
        `stream record ${which} of table ${table.name} does not match the schema`,
        [which],
      );
    }
  };
  return {
    eventName: eventName as StreamEventName,
    key: decodeKey(table.model, normalizeImage(data.Keys)) as TableKey<S>,
    newItem: decodeImage(data.NewImage, 'NewImage'),
    oldItem: decodeImage(data.OldImage, 'OldImage'),
    sequenceNumber: data.SequenceNumber,
    eventId: record.eventID,
    approximateCreationTime: creationTime(data.ApproximateCreationDateTime),
  };
}
