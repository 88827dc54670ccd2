// Erasure across the entities of one table, on DynamoDB Local: edges point at entities, each
// item is decoded by its own entity, and the other entities' items in a partition stay.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../test/dynamo.js';
import {
  type AppNames,
  connectApp,
  createAppTables,
  seedApp,
  snapshotApp,
} from '../../test/single-table-erasure.js';

const client = new DynamoDBClient(localClientConfig());
afterAll(() => client.destroy());

async function fresh(): Promise<AppNames> {
  const names = await createAppTables(client, uniqueName('se'));
  await seedApp(client, names);
  return names;
}

const ADA_O1 = { userId: 'ada', placedAt: new Date('2024-01-01T00:00:00.000Z'), orderId: 'o1' };
const ADA_O2 = { userId: 'ada', placedAt: new Date('2024-01-02T00:00:00.000Z'), orderId: 'o2' };

describe('erasure across the entities of a single table', () => {
  it('plans per entity, through keys and the overloaded index, and ends the order/shipment cycle', async () => {
    const names = await fresh();
    const { eraser } = connectApp(client, names);
    const plan = await eraser.planErasure('ada');
    expect(plan.tables).toEqual([
      'app/invoice',
      'app/order',
      'app/product',
      'app/review',
      'app/shipment',
      'app/user',
      'notes',
    ]);
    expect(
      plan.steps.map((s) => [
        s.action,
        s.table,
        s.entity,
        s.key,
        s.action === 'remove' ? s.fields : undefined,
      ]),
    ).toEqual([
      ['remove', 'app', 'review', { productId: 'p1', reviewId: 'r1' }, ['authorId']],
      ['delete', 'app', 'shipment', { userId: 'ada', shipmentId: 's1' }, undefined],
      ['delete', 'notes', undefined, { ownerId: 'ada', noteId: 'n1' }, undefined],
      ['delete', 'app', 'order', ADA_O2, undefined],
      ['delete', 'app', 'order', ADA_O1, undefined],
      ['delete', 'app', 'user', { userId: 'ada' }, undefined],
    ]);
    // How the shipment was reached: user -> order (key) -> shipment (index).
    const shipment = plan.steps[1]!;
    expect(shipment.path.map((h) => [h.entity, h.via, h.index])).toEqual([
      ['user', 'subject', undefined],
      ['order', 'deep', undefined],
      ['shipment', 'deep', 'gsi1'],
    ]);
  });

  it('erases exactly the planned items and fields; other entities in the partition stay', async () => {
    const names = await fresh();
    const { eraser } = connectApp(client, names);
    const result = await eraser.executeErasure(await eraser.planErasure('ada'));
    expect([result.status, result.done, result.skipped]).toEqual(['finished', 6, []]);
    const after = await snapshotApp(client, names);
    expect(after.notes).toEqual([{ ownerId: 'bob', noteId: 'n2', text: 'cards' }]);
    expect(after.app).toEqual([
      { pk: 'PRODUCT#p1', sk: 'PRODUCT', _type: 'product', productId: 'p1', title: 'Loom' },
      // The author and the index key built from it are gone; the review stays.
      {
        pk: 'PRODUCT#p1',
        sk: 'REVIEW#r1',
        _type: 'review',
        productId: 'p1',
        reviewId: 'r1',
        text: 'Weaves well',
      },
      {
        pk: 'PRODUCT#p1',
        sk: 'REVIEW#r2',
        gsi1pk: 'AUTHOR#bob',
        gsi1sk: 'REVIEW#r2',
        _type: 'review',
        productId: 'p1',
        reviewId: 'r2',
        authorId: 'bob',
        text: 'Too loud',
      },
      // Ada's invoice is in her partition and kept (decision none).
      {
        pk: 'USER#ada',
        sk: 'INVOICE#i1',
        _type: 'invoice',
        userId: 'ada',
        invoiceId: 'i1',
        amount: 10,
      },
      {
        pk: 'USER#bob',
        sk: 'ORDER#2024-01-03T00:00:00.000Z#o3',
        _type: 'order',
        userId: 'bob',
        placedAt: '2024-01-03T00:00:00.000Z',
        orderId: 'o3',
        total: 30,
      },
      {
        pk: 'USER#bob',
        sk: 'PROFILE',
        gsi1pk: 'EMAIL#bob@example.com',
        gsi1sk: 'USER',
        _type: 'user',
        userId: 'bob',
        email: 'bob@example.com',
        name: 'Bob',
      },
      {
        pk: 'USER#bob',
        sk: 'SHIPMENT#s2',
        gsi1pk: 'ORDER#o3',
        gsi1sk: 'SHIPMENT#s2',
        _type: 'shipment',
        userId: 'bob',
        shipmentId: 's2',
        orderId: 'o3',
        address: '2 Jacquard Row',
      },
    ]);
    // Planning again finds nothing left to erase.
    expect((await eraser.planErasure('ada')).steps).toEqual([]);
  });

  it('keeps an author written after planning and reports it; replanSkipped picks it up', async () => {
    const names = await fresh();
    const { db, eraser } = connectApp(client, names);
    const plan = await eraser.planErasure('ada');
    await db.reviews
      .asSystem('edit')
      .update({ productId: 'p1', reviewId: 'r1' }, { set: { authorId: 'ada-2' } });
    const result = await eraser.executeErasure(plan);
    expect(result.status).toBe('finished-with-skips');
    expect(result.skipped).toEqual([
      {
        step: 0,
        reason: 'changed',
        fields: ['authorId'],
        table: 'app',
        entity: 'review',
        key: { productId: 'p1', reviewId: 'r1' },
      },
    ]);
    const again = await eraser.replanSkipped(plan);
    expect(again.steps.map((s) => [s.entity, s.key, s.action === 'remove' && s.expected])).toEqual([
      ['review', { productId: 'p1', reviewId: 'r1' }, { authorId: 'ada-2' }],
    ]);
    expect((await eraser.executeErasure(again)).status).toBe('finished');
    const review = (await snapshotApp(client, names)).app!.find((i) => i.sk === 'REVIEW#r1');
    expect(review).toEqual({
      pk: 'PRODUCT#p1',
      sk: 'REVIEW#r1',
      _type: 'review',
      productId: 'p1',
      reviewId: 'r1',
      text: 'Weaves well',
    });
  });

  it('records the subject in the ledger and re-applies the erasure after a restore', async () => {
    const names = await fresh();
    const { eraser } = connectApp(client, names);
    const before = new Date();
    await eraser.executeErasure(await eraser.planErasure('ada'));
    const erased = await snapshotApp(client, names);
    expect((await eraser.erasureLedger({ since: before })).map((e) => e.subjectId)).toEqual([
      'ada',
    ]);
    // The "restore": ada's rows come back, as a point-in-time recovery would bring them.
    await seedApp(client, names);
    const again = await eraser.reapplyErasures({ since: before });
    expect([
      again.status,
      again.subjects.map((s) => [s.subjectId, s.steps, s.result?.status]),
    ]).toEqual(['done', [['ada', 6, 'finished']]]);
    expect(await snapshotApp(client, names)).toEqual(erased);
  });
});
