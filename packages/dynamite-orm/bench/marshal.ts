// Marshal + unmarshal of 100,000 items with @symval/dynamite-orm, against raw
// @aws-sdk/util-dynamodb marshall/unmarshall of the same data in the same run: first the
// 11-attribute order (a date, a string set, a nested map, a literal union, numbers), then the
// same order with a discriminated union and a record added.
//
// The baseline gets the date already as an ISO string (util-dynamodb cannot store a Date),
// so dynamite also pays for Date -> string -> Date and for full validation both ways.
import { isDeepStrictEqual } from 'node:util';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bestOf, line } from './measure.js';
import { COUNT, items, Order, plain, TaggedOrder, taggedItems, taggedPlain } from './orders.js';

// The items are taken in slices of 5,000, each slice by both contenders in turn REPEATS times;
// the best time of each slice is kept and the slices are added up. Short, alternating runs keep
// the load of other processes (2 shared cores) from landing on one contender only, which whole
// 100,000-item rounds could not avoid.
const SLICE = 5_000;
const REPEATS = 15;
const TARGET = 1.0;

interface Contender<T> {
  readonly label: string;
  readonly schema: {
    marshal(item: T): Record<string, AttributeValue>;
    unmarshal(raw: Record<string, AttributeValue>): { quantity: number };
  };
  readonly items: readonly T[];
  readonly plain: readonly Record<string, unknown>[];
}

async function compare<T>(c: Contender<T>): Promise<boolean> {
  // Both must produce the same stored form, or the comparison means nothing.
  for (const i of [0, 1, 2, 3]) {
    const ours = c.schema.marshal(c.items[i]!);
    const theirs = marshall(c.plain[i]!);
    if (!isDeepStrictEqual(ours, theirs)) {
      throw new Error(`stored forms differ:\n${JSON.stringify(ours)}\n${JSON.stringify(theirs)}`);
    }
  }
  let from = 0;
  const dynamite = () => {
    let sink = 0;
    for (let i = from; i < from + SLICE; i++) {
      sink += c.schema.unmarshal(c.schema.marshal(c.items[i]!)).quantity;
    }
    return sink;
  };
  const raw = () => {
    let sink = 0;
    for (let i = from; i < from + SLICE; i++) {
      sink += unmarshall(marshall(c.plain[i]!)).quantity as number;
    }
    return sink;
  };
  console.log(
    `\nmarshal + unmarshal of ${COUNT.toLocaleString('en')} items (${c.label}), in slices of ${SLICE.toLocaleString('en')}, best of ${REPEATS} alternating runs per slice`,
  );
  const best = { dynamite: 0, raw: 0 };
  for (from = 0; from < COUNT; from += SLICE) {
    const slice = await bestOf(REPEATS, { dynamite, raw });
    best.dynamite += slice.dynamite;
    best.raw += slice.raw;
  }
  const ratio = best.dynamite / best.raw;
  console.log(line('@symval/dynamite-orm (validated)', best.dynamite, COUNT));
  console.log(line('@aws-sdk/util-dynamodb (baseline)', best.raw, COUNT));
  console.log(
    `ratio: ${ratio.toFixed(2)}x the raw time (target <= ${TARGET.toFixed(2)}x) ${ratio <= TARGET ? 'MET' : 'MISSED'}`,
  );
  return ratio <= TARGET;
}

/** Runs the marshal benchmarks, prints their figures and returns whether both targets were met. */
export async function runMarshalBench(): Promise<boolean> {
  const flat = await compare({ label: '11 attributes', schema: Order, items, plain });
  const tagged = await compare({
    label: '13 attributes: the same plus a discriminated union and a record',
    schema: TaggedOrder,
    items: taggedItems,
    plain: taggedPlain,
  });
  return flat && tagged;
}
