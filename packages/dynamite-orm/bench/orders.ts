// The data every benchmark uses: 100,000 orders of an 11-attribute schema, and a variant of
// it whose payment is a discriminated union and whose labels are a record.
import { attr, defineItem } from '../src/index.js';

const fields = {
  orderId: attr.string().savedAs('pk'),
  customerId: attr.string().savedAs('sk'),
  status: attr.literal('pending', 'paid', 'shipped', 'cancelled'),
  total: attr.number(),
  quantity: attr.int(),
  createdAt: attr.date(),
  tags: attr.stringSet(),
  shipping: attr.map({
    street: attr.string(),
    city: attr.string(),
    zip: attr.string(),
    country: attr.string(),
  }),
  gift: attr.boolean(),
  note: attr.string().optional(),
  version: attr.int(),
};

export const Order = defineItem(fields);

/** The same order with a union (`payment`) and a record (`labels`): 13 attributes. */
export const TaggedOrder = defineItem({
  ...fields,
  payment: attr.discriminated('method', {
    card: { last4: attr.string(), brand: attr.literal('visa', 'mastercard') },
    invoice: { dueDays: attr.int(), reference: attr.anyOf(attr.string(), attr.int()) },
  }),
  labels: attr.record(attr.string(), attr.string()),
});

export const COUNT = 100_000;
const statuses = ['pending', 'paid', 'shipped', 'cancelled'] as const;

export const items = Array.from({ length: COUNT }, (_, i) => ({
  orderId: `order-${i}`,
  customerId: `customer-${i % 977}`,
  status: statuses[i % 4]!,
  total: Math.round(i * 137.31) / 100,
  quantity: (i % 9) + 1,
  createdAt: new Date(Date.UTC(2024, 0, 1) + i * 61_000),
  tags: new Set(i % 3 ? ['priority', `region-${i % 7}`] : [`region-${i % 7}`]),
  shipping: {
    street: `${i % 400} Market St`,
    city: 'Springfield',
    zip: String(10_000 + (i % 89_999)),
    country: 'US',
  },
  gift: i % 5 === 0,
  ...(i % 4 === 0 ? { note: 'leave at the door' } : {}),
  version: (i % 12) + 1,
}));

export const taggedItems = items.map((item, i) => ({
  ...item,
  payment:
    i % 2 === 0
      ? { method: 'card' as const, last4: String(1000 + (i % 9000)), brand: 'visa' as const }
      : { method: 'invoice' as const, dueDays: 30, reference: i % 3 ? `PO-${i}` : i },
  labels: (i % 3 ? { channel: 'web', campaign: `c-${i % 17}` } : { channel: 'store' }) as Record<
    string,
    string
  >,
}));

// The same data as util-dynamodb takes it: saved attribute names, the date as a string.
function toPlain<T extends { orderId: string; customerId: string; createdAt: Date }>(item: T) {
  const { orderId, customerId, createdAt, ...rest } = item;
  return { pk: orderId, sk: customerId, createdAt: createdAt.toISOString(), ...rest };
}

export const plain = items.map(toPlain);
export const taggedPlain = taggedItems.map(toPlain);
