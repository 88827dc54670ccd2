import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../test/dynamo.js';
import {
  attr,
  createEraser,
  createTableInput,
  defineItem,
  defineTable,
  erasureCheckpoints,
  fieldEqualsViewer,
  viewerType,
} from '../index.js';

const client = new DynamoDBClient(localClientConfig());
afterAll(() => client.destroy());

// A table whose read policy forgets the erasure job: it admits only each row's own author.
const notes = defineTable({
  name: 'notes',
  item: defineItem({
    noteId: attr.string(),
    authorId: attr.string().meta({ personalData: 'identifier', purpose: 'authorship' }),
  }),
  partitionKey: 'noteId',
  indexes: { byAuthor: { partitionKey: 'authorId' } },
  viewer: viewerType<{ userId: string }>(),
  policies: { read: [fieldEqualsViewer('authorId', 'userId')], write: [] },
  erasure: { kind: 'subject', index: 'byAuthor', key: (id: string) => ({ authorId: id }) },
});

describe('the erasure row source', () => {
  it('refuses to plan when a read policy hides rows from the erasure job, instead of planning fewer', async () => {
    const tableName = uniqueName('notes');
    const checkpointsName = uniqueName('checkpoints');
    await client.send(new CreateTableCommand(createTableInput(notes, { tableName })));
    await client.send(
      new CreateTableCommand(createTableInput(erasureCheckpoints, { tableName: checkpointsName })),
    );
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { noteId: { S: 'n1' }, authorId: { S: 'alice' } },
      }),
    );
    const quiet = { logger: () => {} };
    const eraser = createEraser({
      tables: [notes.connect(client, { tableName, ...quiet })],
      checkpoints: erasureCheckpoints.connect(client, { tableName: checkpointsName, ...quiet }),
    });
    await expect(eraser.planErasure('alice')).rejects.toMatchObject({
      code: 'policy.denied',
      message: expect.stringContaining("add allowSystem('dynamite-erasure')"),
    });
  });
});
