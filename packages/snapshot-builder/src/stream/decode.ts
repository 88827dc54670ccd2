import { type DomainRecord, domainRecords } from '@symval/records';
import { decodeFailure } from './newer.js';
import { isSequenceNumber } from './sequence-number.js';
import type { DecodeFailure, StreamRecordInput } from './types.js';

/** A stream record decoded into what the builders act on. */
export interface DecodedChange {
  readonly kind: 'write' | 'remove';
  readonly groupId: string;
  readonly hostname: string;
  readonly seq: string;
  /** `ApproximateCreationDateTime` in epoch ms, when the record has one. */
  readonly time: number | undefined;
  /** INSERT and MODIFY: the new image. */
  readonly newItem: DomainRecord | undefined;
  /** MODIFY and REMOVE with NEW_AND_OLD_IMAGES: the old image. */
  readonly oldItem: DomainRecord | undefined;
}

/**
 * Decodes one stream record of the DomainRecord table (`domainRecords.decodeStreamRecord`) and
 * checks what both builders need: a decimal sequence number, and a new image on INSERT and
 * MODIFY. Anything else is a {@link DecodeFailure}, to report and skip.
 */
export function decodeStreamChange(
  record: StreamRecordInput,
  index: number,
): { readonly change: DecodedChange } | { readonly failure: DecodeFailure } {
  let decoded: ReturnType<typeof domainRecords.decodeStreamRecord>;
  try {
    decoded = domainRecords.decodeStreamRecord(record);
  } catch (error) {
    return { failure: decodeFailure(index, record, error) };
  }
  const seq = decoded.sequenceNumber;
  if (!isSequenceNumber(seq)) {
    return {
      failure: decodeFailure(
        index,
        record,
        new Error(
          `dynamodb.SequenceNumber must be decimal digits, received ${JSON.stringify(seq)}`,
        ),
      ),
    };
  }
  if (decoded.eventName !== 'REMOVE' && !decoded.newItem) {
    return {
      failure: decodeFailure(
        index,
        record,
        new Error(`${decoded.eventName} without NewImage: the stream must carry new images`),
      ),
    };
  }
  const time = decoded.approximateCreationTime?.getTime();
  return {
    change: {
      kind: decoded.eventName === 'REMOVE' ? 'remove' : 'write',
      groupId: decoded.key.groupId,
      hostname: decoded.key.hostname,
      seq,
      time: time !== undefined && Number.isFinite(time) ? time : undefined,
      newItem: decoded.newItem,
      oldItem: decoded.oldItem,
    },
  };
}
