// A model of the DomainRecord table and its stream, for property tests: writes change the
// model and emit the stream records DynamoDB would (Lambda shape), with sequence numbers
// that grow across a change of digit count.
import { createHash } from 'node:crypto';
import type { DomainRecord, SymmetryCode } from '@symval/records';
import type { DynamoDBRecord } from 'aws-lambda';

const b64 = (text: string) => createHash('sha256').update(text).digest('base64');

/** A syntactically valid v1 group ID (the same algorithm as @symval/groupid). */
export function groupIdOf(owner: string, type: SymmetryCode, hostnames: readonly string[]): string {
  return `v1:${type}:${b64(owner)}:${b64([...hostnames].sort().join(''))}`;
}

/** A write to the model. */
export type Write =
  | { kind: 'upsert'; key: number; time: number }
  | { kind: 'validate'; key: number; time: number }
  | { kind: 'delete'; key: number };

/** The item keys a model uses: a few owners (3 unless told) and hostnames, so keys repeat. */
export function keyOf(
  key: number,
  owners = 3,
): {
  groupId: string;
  hostname: string;
  owner: string;
  type: SymmetryCode;
} {
  const owner = `https://owner${key % owners}.example`;
  const type: SymmetryCode = (['a', 'b', 'e'] as const)[key % 3]!;
  const hostname = `h${key}.example`;
  return { groupId: groupIdOf(owner, type, [hostname]), hostname, owner, type };
}

function image(r: DomainRecord): Record<string, { S: string } | { N: string }> {
  return {
    pk: { S: r.groupId },
    sk: { S: r.hostname },
    Owner: { S: r.owner },
    Type: { S: r.type },
    ValidateTime: { S: r.validateTime.toISOString() },
    Rev: { N: String(r.rev) },
  };
}

/** The table and the stream it has produced so far. */
export class TableModel {
  readonly items = new Map<string, DomainRecord>();
  readonly stream: DynamoDBRecord[] = [];
  // Starts just below a power of ten so sequence numbers change length mid-run.
  #seq = 10n ** 21n - 3n;
  #clock = Date.UTC(2025, 9, 15);
  readonly #owners: number;

  /** `owners`: how many owners the keys are spread over (3 unless told). */
  constructor(options: { owners?: number } = {}) {
    this.#owners = options.owners ?? 3;
  }

  apply(write: Write): void {
    const { groupId, hostname, owner, type } = keyOf(write.key, this.#owners);
    const id = `${groupId}\n${hostname}`;
    const old = this.items.get(id);
    this.#seq += BigInt(1 + (write.key % 7));
    this.#clock += 1000;
    const base = {
      eventID: `e${this.stream.length}`,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
    };
    const dynamodb = {
      Keys: { pk: { S: groupId }, sk: { S: hostname } },
      SequenceNumber: this.#seq.toString(),
      SizeBytes: 100,
      StreamViewType: 'NEW_AND_OLD_IMAGES' as const,
      ApproximateCreationDateTime: Math.floor(this.#clock / 1000),
    };
    if (write.kind === 'delete') {
      if (!old) return;
      this.items.delete(id);
      this.stream.push({
        ...base,
        eventName: 'REMOVE',
        dynamodb: { ...dynamodb, OldImage: image(old) },
      });
      return;
    }
    if (write.kind === 'validate' && !old) return;
    const next: DomainRecord = {
      groupId,
      hostname,
      owner,
      type,
      validateTime: new Date(Date.UTC(2025, 0, 1) + write.time * 1000),
      rev: (old?.rev ?? 0) + 1,
    };
    this.items.set(id, next);
    this.stream.push({
      ...base,
      eventName: old ? 'MODIFY' : 'INSERT',
      dynamodb: { ...dynamodb, NewImage: image(next), ...(old ? { OldImage: image(old) } : {}) },
    });
  }
}
