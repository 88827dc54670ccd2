// A single table of users and what hangs off them (orders, shipments, invoices, reviews,
// products) plus a plain table of notes, with erasure declared per entity. Shared by the
// single-table erasure tests, the child process they kill, and the CLI tests (as a module).
import {
  CreateTableCommand,
  type DynamoDBClient,
  ScanCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  allowAll,
  attr,
  createEraser,
  createTableInput,
  deep,
  defineItem,
  defineSingleTable,
  defineTable,
  type Eraser,
  entityErasure,
  erasureCheckpoints,
  shallow,
  timeToLiveInput,
} from '../src/index.js';

export const app = defineSingleTable({
  name: 'app',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
});

export const User = app.entity({
  name: 'user',
  item: defineItem({
    userId: attr.string(),
    email: attr.string().meta({ personalData: 'contact', purpose: 'sign-in' }),
    name: attr.string().meta({ personalData: 'name' }),
  }),
  key: { partitionKey: 'USER#{userId}', sortKey: 'PROFILE' },
  indexes: { gsi1: { partitionKey: 'EMAIL#{email}', sortKey: 'USER' } },
  policies: allowAll(),
});

export const Order = app.entity({
  name: 'order',
  item: defineItem({
    userId: attr.string().meta({ personalData: 'identifier' }),
    placedAt: attr.date(),
    orderId: attr.string(),
    total: attr.int(),
  }),
  key: { partitionKey: 'USER#{userId}', sortKey: 'ORDER#{placedAt}#{orderId}' },
  policies: allowAll(),
});

// In the user's partition, and found by its order through the index: orders and shipments
// lead to each other, a cycle the walk must end.
export const Shipment = app.entity({
  name: 'shipment',
  item: defineItem({
    userId: attr.string().meta({ personalData: 'identifier' }),
    shipmentId: attr.string(),
    orderId: attr.string(),
    address: attr.string().meta({ personalData: 'contact', purpose: 'delivery' }),
  }),
  key: { partitionKey: 'USER#{userId}', sortKey: 'SHIPMENT#{shipmentId}' },
  indexes: { gsi1: { partitionKey: 'ORDER#{orderId}', sortKey: 'SHIPMENT#{shipmentId}' } },
  policies: allowAll(),
});

// Also in the user's partition, and kept: erasure must leave it alone.
export const Invoice = app.entity({
  name: 'invoice',
  item: defineItem({
    userId: attr.string().meta({ personalData: 'identifier', subjectReference: true }),
    invoiceId: attr.string(),
    amount: attr.int(),
  }),
  key: { partitionKey: 'USER#{userId}', sortKey: 'INVOICE#{invoiceId}' },
  policies: allowAll(),
});

export const Product = app.entity({
  name: 'product',
  item: defineItem({ productId: attr.string(), title: attr.string() }),
  key: { partitionKey: 'PRODUCT#{productId}', sortKey: 'PRODUCT' },
  policies: allowAll(),
});

// In the product's partition; found by author through the overloaded index.
export const Review = app.entity({
  name: 'review',
  item: defineItem({
    productId: attr.string(),
    reviewId: attr.string(),
    authorId: attr.string().optional().meta({ personalData: 'identifier', purpose: 'authorship' }),
    text: attr.string(),
  }),
  key: { partitionKey: 'PRODUCT#{productId}', sortKey: 'REVIEW#{reviewId}' },
  indexes: { gsi1: { partitionKey: 'AUTHOR#{authorId}', sortKey: 'REVIEW#{reviewId}' } },
  policies: allowAll(),
});

/** A plain table whose rows go with a user entity. */
export const notes = defineTable({
  name: 'notes',
  item: defineItem({
    ownerId: attr.string().meta({ personalData: 'identifier' }),
    noteId: attr.string(),
    text: attr.string(),
  }),
  partitionKey: 'ownerId',
  sortKey: 'noteId',
  policies: allowAll(),
  erasure: {
    kind: 'cascade',
    edges: [deep(User, { key: (user) => ({ ownerId: user.userId }) })],
  },
});

export const erasure = [
  entityErasure(User, { kind: 'subject', key: (userId) => ({ userId }) }),
  entityErasure(Order, {
    kind: 'cascade',
    edges: [
      deep(User, { key: (user) => ({ userId: user.userId }) }),
      deep(Shipment, { key: (s) => ({ userId: s.userId }) }),
    ],
  }),
  entityErasure(Shipment, {
    kind: 'cascade',
    edges: [deep(Order, { index: 'gsi1', key: (order) => ({ orderId: order.orderId }) })],
  }),
  entityErasure(Invoice, {
    kind: 'none',
    justification: 'Invoices are kept ten years for the tax office.',
    keeps: { userId: 'names the customer on a kept invoice' },
  }),
  entityErasure(Product, { kind: 'none', justification: 'The catalogue: no data about a person.' }),
  entityErasure(Review, {
    kind: 'cascade',
    edges: [
      shallow(User, {
        index: 'gsi1',
        key: (user) => ({ authorId: user.userId }),
        remove: ['authorId'],
      }),
    ],
  }),
];

/** What the CLI loads: the plain table, the single table and the entity declarations. */
export const tables = [notes, app, ...erasure];

/** Physical table names of one test's copy. */
export interface AppNames {
  readonly app: string;
  readonly notes: string;
  readonly checkpoints: string;
}

export async function createAppTables(client: DynamoDBClient, suffix: string): Promise<AppNames> {
  const names = {
    app: `app-${suffix}`,
    notes: `notes-${suffix}`,
    checkpoints: `checkpoints-${suffix}`,
  };
  await client.send(
    new CreateTableCommand(createTableInput(app.physical, { tableName: names.app })),
  );
  await client.send(new CreateTableCommand(createTableInput(notes, { tableName: names.notes })));
  await client.send(
    new CreateTableCommand(createTableInput(erasureCheckpoints, { tableName: names.checkpoints })),
  );
  const ttl = timeToLiveInput(erasureCheckpoints, { tableName: names.checkpoints });
  if (ttl) await client.send(new UpdateTimeToLiveCommand(ttl));
  return names;
}

const quiet = { logger: () => {} };

export function connectApp(client: DynamoDBClient, names: AppNames) {
  const at = { tableName: names.app, ...quiet };
  const db = {
    users: User.connect(client, at),
    orders: Order.connect(client, at),
    shipments: Shipment.connect(client, at),
    invoices: Invoice.connect(client, at),
    products: Product.connect(client, at),
    reviews: Review.connect(client, at),
    notes: notes.connect(client, { tableName: names.notes, ...quiet }),
  };
  const eraser: Eraser = createEraser({
    tables: Object.values(db),
    entities: erasure,
    checkpoints: erasureCheckpoints.connect(client, { tableName: names.checkpoints, ...quiet }),
  });
  return { db, eraser };
}

export async function seedApp(client: DynamoDBClient, names: AppNames): Promise<void> {
  const { db } = connectApp(client, names);
  const job = 'seed';
  const day = (d: number) => new Date(Date.UTC(2024, 0, d));
  await db.users.asSystem(job).put({ userId: 'ada', email: 'ada@example.com', name: 'Ada' });
  await db.users.asSystem(job).put({ userId: 'bob', email: 'bob@example.com', name: 'Bob' });
  await db.orders.asSystem(job).put({ userId: 'ada', placedAt: day(1), orderId: 'o1', total: 10 });
  await db.orders.asSystem(job).put({ userId: 'ada', placedAt: day(2), orderId: 'o2', total: 20 });
  await db.orders.asSystem(job).put({ userId: 'bob', placedAt: day(3), orderId: 'o3', total: 30 });
  await db.shipments
    .asSystem(job)
    .put({ userId: 'ada', shipmentId: 's1', orderId: 'o1', address: '1 Analytical Way' });
  await db.shipments
    .asSystem(job)
    .put({ userId: 'bob', shipmentId: 's2', orderId: 'o3', address: '2 Jacquard Row' });
  await db.invoices.asSystem(job).put({ userId: 'ada', invoiceId: 'i1', amount: 10 });
  await db.products.asSystem(job).put({ productId: 'p1', title: 'Loom' });
  await db.reviews
    .asSystem(job)
    .put({ productId: 'p1', reviewId: 'r1', authorId: 'ada', text: 'Weaves well' });
  await db.reviews
    .asSystem(job)
    .put({ productId: 'p1', reviewId: 'r2', authorId: 'bob', text: 'Too loud' });
  await db.notes.asSystem(job).put({ ownerId: 'ada', noteId: 'n1', text: 'engines' });
  await db.notes.asSystem(job).put({ ownerId: 'bob', noteId: 'n2', text: 'cards' });
}

/** Every stored item of the data tables, as stored (key attributes included), sorted. */
export async function snapshotApp(
  client: DynamoDBClient,
  names: AppNames,
): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [logical, tableName] of [
    ['app', names.app],
    ['notes', names.notes],
  ] as const) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, never> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? []) items.push(unmarshall(item));
      start = page.LastEvaluatedKey as typeof start;
    } while (start);
    const id = (i: Record<string, unknown>) =>
      JSON.stringify([i.pk ?? i.ownerId, i.sk ?? i.noteId]);
    out[logical] = items.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  }
  return out;
}
