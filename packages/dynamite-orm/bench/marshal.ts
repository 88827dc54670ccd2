// Marshal + unmarshal of 100,000 items of a realistic schema (11 attributes: a date, a string
// set, a nested map, a literal union, numbers) with @symval/dynamite-orm, against raw
// @aws-sdk/util-dynamodb marshall/unmarshall of the same data in the same run.
//
// The baseline gets the date already as an ISO string (util-dynamodb cannot store a Date),
// so dynamite also pays for Date -> string -> Date and for full validation both ways.
import { isDeepStrictEqual } from 'node:util';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bestOf, line } from './measure.js';
import { COUNT, items, Order, plain } from './orders.js';

const ROUNDS = 9;

function dynamiteRound(): number {
  let sink = 0;
  for (let i = 0; i < COUNT; i++) {
    const read = Order.unmarshal(Order.marshal(items[i]!));
    sink += read.quantity;
  }
  return sink;
}

function rawRound(): number {
  let sink = 0;
  for (let i = 0; i < COUNT; i++) {
    const read = unmarshall(marshall(plain[i]!));
    sink += read.quantity as number;
  }
  return sink;
}

/** Runs the marshal benchmark, prints its figures and returns whether the target was met. */
export async function runMarshalBench(): Promise<boolean> {
  // Both must produce the same stored form, or the comparison means nothing.
  for (const i of [0, 1, 2, 3]) {
    const ours = Order.marshal(items[i]!);
    const theirs = marshall(plain[i]!);
    if (!isDeepStrictEqual(ours, theirs)) {
      throw new Error(`stored forms differ:\n${JSON.stringify(ours)}\n${JSON.stringify(theirs)}`);
    }
  }
  console.log(
    `\nmarshal + unmarshal of ${COUNT.toLocaleString('en')} items (11 attributes), best of ${ROUNDS} rounds`,
  );
  const best = await bestOf(ROUNDS, { dynamite: dynamiteRound, raw: rawRound });
  const ratio = best.dynamite / best.raw;
  console.log(line('@symval/dynamite-orm (validated)', best.dynamite, COUNT));
  console.log(line('@aws-sdk/util-dynamodb (baseline)', best.raw, COUNT));
  console.log(
    `ratio: ${ratio.toFixed(2)}x the raw time (target <= 1.50x) ${ratio <= 1.5 ? 'MET' : 'MISSED'}`,
  );
  return ratio <= 1.5;
}
