// Read units a viewer pays for, with a read rule pushed into the request and with the same
// rule as a predicate dynamite cannot look into, on DynamoDB Local (which reports
// ConsumedCapacity as DynamoDB computes it). Units, not time: a count, the same on any machine.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbClientConfig, startDynamoDbLocal } from '@symval/local-services';
import {
  allowIf,
  allowSystem,
  attr,
  createTableInput,
  defineItem,
  defineTable,
  fieldEqualsViewer,
  type ItemOf,
  type ReadRule,
  viewerType,
} from '../src/index.js';

interface Member {
  userId: string;
}

// The SDK's note about Node 20 says nothing about this measurement.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const PARTITIONS = 10;
const PER_PARTITION = 100;

const Note = defineItem({
  teamId: attr.string(),
  memberId: attr.string(),
  ownerId: attr.string(),
  body: attr.string(),
});

function notes(name: string, rule: ReadRule<ItemOf<typeof Note>, Member>) {
  return defineTable({
    name,
    item: Note,
    partitionKey: 'teamId',
    sortKey: 'memberId',
    viewer: viewerType<Member>(),
    policies: { read: [allowSystem('seed'), rule], write: [allowSystem('seed')] },
  });
}

const contenders = {
  // Each member sees the note under their own sort key: offered as the key condition.
  'sort key, pushed (key condition)': notes(
    'bench-pushed',
    fieldEqualsViewer('memberId', 'userId'),
  ),
  'sort key, opaque rule': notes(
    'bench-opaque',
    allowIf((m: Member, n: { memberId: string }) => n.memberId === m.userId),
  ),
  // Owners see their notes wherever they are in the partition: offered as a filter.
  'other field, pushed (filter)': notes('bench-filter', fieldEqualsViewer('ownerId', 'userId')),
  'other field, opaque rule': notes(
    'bench-filter-opaque',
    allowIf((m: Member, n: { ownerId: string }) => n.ownerId === m.userId),
  ),
};

/** Adds up what every request of a client consumed and read. */
function meter(client: DynamoDBClient) {
  const totals = { units: 0, scanned: 0, returned: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const o = out.output as {
        ConsumedCapacity?: { CapacityUnits?: number };
        ScannedCount?: number;
        Count?: number;
      };
      totals.units += o.ConsumedCapacity?.CapacityUnits ?? 0;
      totals.scanned += o.ScannedCount ?? 0;
      totals.returned += o.Count ?? 0;
      return out;
    },
    { step: 'initialize', name: 'benchMeter' },
  );
  return totals;
}

/** Runs the read-units measurement and prints it; returns whether pushdown read fewer units. */
export async function runReadUnitsBench(): Promise<boolean> {
  console.log(
    `\nread units: a viewer who may see 1 of ${PER_PARTITION} items queries ${PARTITIONS} partitions (DynamoDB Local, ConsumedCapacity TOTAL, eventually consistent)`,
  );
  const ddb = await startDynamoDbLocal();
  const client = new DynamoDBClient(dynamoDbClientConfig(ddb));
  try {
    const quiet = { logger: () => {} };
    const body = 'x'.repeat(300);
    const rows = [];
    for (let p = 0; p < PARTITIONS; p++) {
      for (let i = 0; i < PER_PARTITION; i++) {
        const n = String(i).padStart(2, '0');
        rows.push({ teamId: `t${p}`, memberId: `u${n}`, ownerId: `o${n}`, body });
      }
    }
    const measured: Record<string, { units: number; scanned: number; returned: number }> = {};
    for (const [label, table] of Object.entries(contenders)) {
      await client.send(new CreateTableCommand(createTableInput(table)));
      const db = table.connect(client, quiet);
      await db.asSystem('seed').batchWrite(rows.map((put) => ({ put })));
      const metered = new DynamoDBClient(dynamoDbClientConfig(ddb));
      const totals = meter(metered);
      const viewer = table.connect(metered, quiet).as({
        userId: label.startsWith('sort') ? 'u42' : 'o42',
      });
      let seen = 0;
      for (let p = 0; p < PARTITIONS; p++) {
        for await (const _ of viewer.queryAll({ key: { teamId: `t${p}` } })) seen++;
      }
      if (seen !== PARTITIONS) throw new Error(`${label}: saw ${seen} items, not ${PARTITIONS}`);
      measured[label] = { ...totals };
      metered.destroy();
    }
    for (const [label, m] of Object.entries(measured)) {
      console.log(
        `${label.padEnd(36)} ${m.units.toFixed(1).padStart(6)} read units  ${String(m.scanned).padStart(5)} items read  ${String(m.returned).padStart(4)} sent back`,
      );
    }
    const key = measured['sort key, pushed (key condition)']!;
    const opaque = measured['sort key, opaque rule']!;
    const filter = measured['other field, pushed (filter)']!;
    const filterOpaque = measured['other field, opaque rule']!;
    console.log(
      `key condition: ${(key.units / opaque.units).toFixed(3)}x the read units of the opaque rule; filter: ${(filter.units / filterOpaque.units).toFixed(3)}x the read units (DynamoDB charges for what it reads before filtering), ${(filter.returned / filterOpaque.returned).toFixed(3)}x the items sent back`,
    );
    return key.units < opaque.units;
  } finally {
    client.destroy();
    await ddb.stop();
  }
}
