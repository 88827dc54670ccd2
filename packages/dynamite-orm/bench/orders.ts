// The data every benchmark uses: 100,000 orders of an 11-attribute schema.
import { attr, defineItem } from '../src/index.js';

export const Order = defineItem({
  orderId: attr.string().savedAs('pk'),
  customerId: attr.string().savedAs('sk'),
  status: attr.literal('pending', 'paid', 'shipped', 'cancelled'),
  total: attr.float(),
  quantity: attr.number(),
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
  version: attr.number(),
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

// The same data as util-dynamodb takes it: saved attribute names, the date as a string.
export const plain = items.map(({ orderId, customerId, createdAt, ...rest }) => ({
  pk: orderId,
  sk: customerId,
  createdAt: createdAt.toISOString(),
  ...rest,
}));
