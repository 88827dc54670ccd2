// Marshal + unmarshal of 100,000 items of a two-entity single table (users and their orders,
// composite keys, an overloaded index), against raw @aws-sdk/util-dynamodb marshall/unmarshall
// of the same stored items in the same run.
//
// dynamite composes the key attributes from the fields on every write (`USER#{userId}`,
// `ORDER#{orderDate}#{orderId}`, the index keys), adds the entity type, validates, encodes;
// on read it picks the entity by its type attribute, decodes, validates and drops the key
// attributes. The baseline is handed the keys already composed and the dates as ISO strings,
// so it does none of that work.
import { isDeepStrictEqual } from 'node:util';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { attr, defineItem, defineSingleTable } from '../src/index.js';
import type { AnyEntity as AnyEntityDefinition } from '../src/single-table/entity.js';
import { deriveAttributes, toEntityItem } from '../src/single-table/entity-keys.js';
import { bestOf, line } from './measure.js';

const COUNT = 100_000;
const SLICE = 5_000;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);
const TARGET = 1.0;

const shop = defineSingleTable({
  name: 'shop',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
});
const User = shop.entity({
  name: 'user',
  item: defineItem({
    userId: attr.string(),
    email: attr.string(),
    name: attr.string(),
    plan: attr.literal('free', 'pro'),
    joinedAt: attr.date(),
  }),
  key: { partitionKey: 'USER#{userId}', sortKey: 'PROFILE' },
  indexes: { gsi1: { partitionKey: 'EMAIL#{email}', sortKey: 'USER' } },
});
const Order = shop.entity({
  name: 'order',
  item: defineItem({
    userId: attr.string(),
    orderDate: attr.date(),
    orderId: attr.string(),
    status: attr.literal('open', 'paid', 'shipped'),
    total: attr.number(),
    lines: attr.list(attr.map({ sku: attr.string(), quantity: attr.int() })),
    note: attr.string().optional(),
  }),
  key: { partitionKey: 'USER#{userId}', sortKey: 'ORDER#{orderDate}#{orderId}' },
  indexes: { gsi1: { partitionKey: 'STATUS#{status}', sortKey: '{orderDate}' } },
});

const statuses = ['open', 'paid', 'shipped'] as const;
/** Every fifth item a user, the others their orders. */
const items: Record<string, unknown>[] = [];
const plain: Record<string, unknown>[] = [];
for (let i = 0; i < COUNT; i++) {
  const userId = `user-${Math.floor(i / 5)}`;
  const at = new Date(Date.UTC(2024, 0, 1) + i * 61_000);
  const iso = at.toISOString();
  if (i % 5 === 0) {
    const email = `${userId}@example.com`;
    const user = { userId, email, name: `User ${i}`, plan: i % 2 ? 'pro' : 'free' };
    items.push({ ...user, joinedAt: at });
    plain.push({
      _type: 'user',
      pk: `USER#${userId}`,
      sk: 'PROFILE',
      gsi1pk: `EMAIL#${email}`,
      gsi1sk: 'USER',
      ...user,
      joinedAt: iso,
    });
  } else {
    const status = statuses[i % 3]!;
    const order = {
      userId,
      orderId: `order-${i}`,
      status,
      total: Math.round(i * 137.31) / 100,
      lines: [
        { sku: `sku-${i % 97}`, quantity: (i % 4) + 1 },
        { sku: `sku-${i % 89}`, quantity: 1 },
      ],
    };
    items.push({ ...order, orderDate: at });
    plain.push({
      _type: 'order',
      pk: `USER#${userId}`,
      sk: `ORDER#${iso}#order-${i}`,
      gsi1pk: `STATUS#${status}`,
      gsi1sk: iso,
      ...order,
      orderDate: iso,
    });
  }
}

const entities = new Map<string, AnyEntityDefinition>([
  ['user', User],
  ['order', Order],
]);

function encode(entity: AnyEntityDefinition, item: Record<string, unknown>) {
  return entity.definition.model.codec.encode({ ...item, ...deriveAttributes(entity.keys, item) });
}

function decode(raw: Record<string, AttributeValue>): Record<string, unknown> {
  const entity = entities.get(raw._type?.S ?? '');
  if (!entity) throw new Error(`an item of no known entity: ${raw._type?.S}`);
  return toEntityItem(entity.keys, entity.definition.model.codec.decode(raw, false, false));
}

const entityOf = (i: number) => (i % 5 === 0 ? User : Order) as AnyEntityDefinition;

/** Runs the two-entity codec benchmark, prints its figures and returns whether the target was met. */
export async function runEntitiesBench(): Promise<boolean> {
  // Both must produce the same stored form, and dynamite must read its fields back.
  for (const i of [0, 1, 2, 5]) {
    const ours = encode(entityOf(i), items[i]!);
    const theirs = marshall(plain[i]!);
    if (!isDeepStrictEqual(ours, theirs)) {
      throw new Error(`stored forms differ:\n${JSON.stringify(ours)}\n${JSON.stringify(theirs)}`);
    }
    if (!isDeepStrictEqual(decode(ours), items[i])) throw new Error(`item ${i} does not read back`);
  }
  let from = 0;
  const dynamite = () => {
    let sink = 0;
    for (let i = from; i < from + SLICE; i++) {
      sink += (decode(encode(entityOf(i), items[i]!)).userId as string).length;
    }
    return sink;
  };
  const raw = () => {
    let sink = 0;
    for (let i = from; i < from + SLICE; i++) {
      sink += (unmarshall(marshall(plain[i]!)).userId as string).length;
    }
    return sink;
  };
  console.log(
    `\nmarshal + unmarshal of ${COUNT.toLocaleString('en')} items of a two-entity single table (1 user : 4 orders, composite keys, an overloaded index), in slices of ${SLICE.toLocaleString('en')}, best of ${REPEATS} alternating runs per slice`,
  );
  const best = { dynamite: 0, raw: 0 };
  for (from = 0; from < COUNT; from += SLICE) {
    const slice = await bestOf(REPEATS, { dynamite, raw });
    best.dynamite += slice.dynamite;
    best.raw += slice.raw;
  }
  const ratio = best.dynamite / best.raw;
  console.log(line('@symval/dynamite-orm (keys derived, validated)', best.dynamite, COUNT));
  console.log(line('@aws-sdk/util-dynamodb (keys given)', best.raw, COUNT));
  console.log(
    `ratio: ${ratio.toFixed(2)}x the raw time (target <= ${TARGET.toFixed(2)}x) ${ratio <= TARGET ? 'MET' : 'MISSED'}`,
  );
  return ratio <= TARGET;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await runEntitiesBench();
}
