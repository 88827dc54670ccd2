import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../test/dynamo.js';
import { runErasureChild } from '../../test/erasure-child-run.js';
import {
  connectSocial,
  createSocialTables,
  seedSocial,
  snapshot,
  type TableNames,
} from '../../test/erasure-env.js';
import { messages, seed } from '../../test/social.js';
import { deserializePlan, serializePlan } from './plan-codec.js';

const client = new DynamoDBClient(localClientConfig());
afterAll(() => client.destroy());

async function freshSocial(): Promise<TableNames> {
  const names = await createSocialTables(client, uniqueName('e'));
  await seedSocial(client, names);
  return names;
}

/** What the fixture holds after erasing alice: other users' data untouched. */
function expectedAfterAlice() {
  const rows = structuredClone(seed);
  return {
    users: rows.users.filter((u) => u.userId !== 'alice'),
    rooms: [{ roomId: 'r-bob', hostId: 'bob', title: 'Bob room', version: 1 }],
    topics: [{ roomId: 'r-bob', topicId: 't1', title: 'sports' }],
    follows: [rows.follows[3]],
    messages: [
      { roomId: 'r-bob', messageId: 'm1', text: 'hi bob' },
      rows.messages[1],
      { roomId: 'r-bob', messageId: 'm3', text: 'no name given' },
      rows.messages[3],
    ],
    settings: rows.settings,
  };
}

describe('planErasure on the social graph', () => {
  let names: TableNames;
  beforeAll(async () => {
    names = await freshSocial();
  });

  it('lists every delete and removal erasing alice needs, children before parents', async () => {
    const { eraser } = connectSocial(client, names);
    const plan = await eraser.planErasure('alice');
    const summary = plan.steps.map((s) =>
      s.action === 'delete'
        ? `delete ${s.table} ${Object.values(s.key).map(String).join('/')}`
        : `remove ${s.table} ${Object.values(s.key).join('/')} ${s.fields.join(',')}`,
    );
    expect(summary).toEqual([
      'remove messages r-bob/m1 authorId,authorName',
      'remove messages r-bob/m3 authorId',
      'delete topics r-alice-2/t1',
      'delete messages r-alice-2/m1',
      'delete topics r-alice-1/t2',
      'delete topics r-alice-1/t1',
      'delete messages r-alice-1/m2',
      'delete messages r-alice-1/m1',
      'delete rooms r-alice-2',
      'delete rooms r-alice-1',
      'delete follows carol/alice',
      'delete follows bob/alice',
      'delete follows alice/bob',
      'delete follows alice/alice',
      'delete users alice',
    ]);
    expect(plan.subjectId).toBe('alice');
    expect(plan.tables).toEqual(['follows', 'messages', 'rooms', 'settings', 'topics', 'users']);
  });

  it('gives each step the path of edges that reached it', async () => {
    const { eraser } = connectSocial(client, names);
    const plan = await eraser.planErasure('alice');
    const topic = plan.steps.find((s) => s.table === 'topics' && s.key.topicId === 't2')!;
    expect(topic.path).toEqual([
      { table: 'users', key: { userId: 'alice' }, via: 'subject' },
      { table: 'rooms', key: { roomId: 'r-alice-1' }, via: 'deep', index: 'byHost', edge: 0 },
      { table: 'topics', key: { roomId: 'r-alice-1', topicId: 't2' }, via: 'deep', edge: 0 },
    ]);
    const removal = plan.steps[0]!;
    expect(removal).toMatchObject({
      action: 'remove',
      expected: { authorId: 'alice', authorName: 'Alice' },
      path: [
        { table: 'users', key: { userId: 'alice' }, via: 'subject' },
        {
          table: 'messages',
          key: { roomId: 'r-bob', messageId: 'm1' },
          via: 'shallow',
          index: 'byAuthor',
          edge: 1,
        },
      ],
    });
  });

  it('makes the same steps every time, each plan with an id of its own, and writes nothing', async () => {
    const { eraser } = connectSocial(client, names);
    const before = await snapshot(client, names);
    const first = await eraser.planErasure('alice');
    const second = await eraser.planErasure('alice');
    expect(second.steps).toEqual(first.steps);
    expect(second.tables).toEqual(first.tables);
    expect(second.id).not.toBe(first.id);
    expect(deserializePlan(serializePlan(first))).toEqual(first);
    expect(await snapshot(client, names)).toEqual(before);
  });

  it('plans nothing for a subject id with no rows', async () => {
    const { eraser } = connectSocial(client, names);
    const plan = await eraser.planErasure('nobody');
    expect(plan.steps).toEqual([]);
  });
});

describe('executeErasure on the social graph', () => {
  it('deletes and disassociates exactly the expected rows and fields, leaving everyone else untouched', async () => {
    const names = await freshSocial();
    const { eraser } = connectSocial(client, names);
    const before = await snapshot(client, names);
    expect(before.messages).toHaveLength(7);
    const plan = await eraser.planErasure('alice');
    const result = await eraser.executeErasure(plan, { batchSize: 4 });
    expect(result).toMatchObject({
      status: 'finished',
      total: 15,
      done: 15,
      resumedFrom: 0,
      transactions: 4,
      skipped: [],
    });
    expect(await snapshot(client, names)).toEqual(expectedAfterAlice());
    // A second erasure of the same subject finds nothing left.
    expect((await eraser.planErasure('alice')).steps).toEqual([]);
  });

  it('is idempotent: running a finished plan again writes nothing', async () => {
    const names = await freshSocial();
    const { eraser } = connectSocial(client, names);
    const plan = await eraser.planErasure('alice');
    await eraser.executeErasure(plan);
    const again = await eraser.executeErasure(plan);
    expect(again).toMatchObject({ status: 'finished', done: 15, resumedFrom: 15, transactions: 0 });
    expect(await snapshot(client, names)).toEqual(expectedAfterAlice());
    expect(await eraser.pendingErasures()).toEqual([]);
  });

  it('stops between transactions when asked and resumes to the same end state', async () => {
    const names = await freshSocial();
    const { eraser } = connectSocial(client, names);
    const plan = await eraser.planErasure('alice');
    const controller = new AbortController();
    const stopped = await eraser.executeErasure(plan, {
      batchSize: 2,
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done >= 6) controller.abort();
      },
    });
    expect(stopped).toMatchObject({ status: 'stopped', done: 6, transactions: 3 });
    const middle = await snapshot(client, names);
    expect(middle.topics!.map((t) => `${t.roomId}/${t.topicId}`)).toEqual(['r-bob/t1']);
    expect(middle.rooms).toHaveLength(3); // parents outlive their children
    const pending = await eraser.pendingErasures();
    expect(pending).toMatchObject([{ planId: plan.id, subjectId: 'alice', total: 15, done: 6 }]);

    const resumed = await eraser.executeErasure(plan, { batchSize: 2 });
    expect(resumed).toMatchObject({
      status: 'finished',
      done: 15,
      resumedFrom: 6,
      transactions: 5,
    });
    expect(await snapshot(client, names)).toEqual(expectedAfterAlice());
  });

  it('resumes a run whose process was killed part-way, from the plan it stored', async () => {
    const names = await freshSocial();
    const { eraser } = connectSocial(client, names);
    // The child waits after each step for a go-ahead; at step 5 it gets a SIGKILL instead.
    const { ended, lines } = await runErasureChild({
      fixture: 'social',
      clientConfig: localClientConfig(),
      names,
      subject: 'alice',
      killAt: 5,
    });
    expect(ended).toBe('SIGKILL');
    expect(lines[0]).toMatch(/^plan [0-9a-f]{32} 15$/);
    expect(lines).not.toContain('finished');
    const plan = { id: lines[0]!.split(' ')[1]! };

    const [pending] = await eraser.pendingErasures();
    expect(pending!.planId).toBe(plan.id);
    expect(pending!.done).toBeGreaterThanOrEqual(5);
    expect(pending!.done).toBeLessThan(15);
    const resumed = await eraser.resumeErasure(plan.id, { batchSize: 3 });
    expect(resumed).toMatchObject({ status: 'finished', done: 15, resumedFrom: pending!.done });
    expect(await snapshot(client, names)).toEqual(expectedAfterAlice());
    expect(await eraser.pendingErasures()).toEqual([]);
    expect(await eraser.resumeErasure(plan.id)).toMatchObject({
      status: 'finished',
      transactions: 0,
    });
  });

  it('writes each step once when two runs of one plan race', async () => {
    const names = await freshSocial();
    const { eraser } = connectSocial(client, names);
    const plan = await eraser.planErasure('alice');
    const [a, b] = await Promise.all([
      eraser.executeErasure(plan, { batchSize: 1 }),
      eraser.executeErasure(plan, { batchSize: 1 }),
    ]);
    expect(a.status).toBe('finished');
    expect(b.status).toBe('finished');
    expect(a.transactions + b.transactions).toBe(15);
    expect(await snapshot(client, names)).toEqual(expectedAfterAlice());
  });

  it('removes only the fields that still hold the planned values, and reports the rest', async () => {
    const names = await freshSocial();
    const { eraser, connected } = connectSocial(client, names);
    const plan = await eraser.planErasure('alice');
    const db = connected.find((c) => c.definition === messages)!.asSystem('test-edit');
    // Changes made after planning: a new display name on one message, another one deleted.
    await db.update({ roomId: 'r-bob', messageId: 'm1' }, { set: { authorName: 'A. (renamed)' } });
    await db.delete({ roomId: 'r-bob', messageId: 'm3' });
    // A row the plan deletes, already gone: deleting it again is fine.
    await db.delete({ roomId: 'r-alice-1', messageId: 'm1' });
    const result = await eraser.executeErasure(plan);
    // The run is over, but a value of alice's is still there: it says so.
    expect(result.status).toBe('finished-with-skips');
    const row = { roomId: 'r-bob', messageId: 'm1' };
    expect(result.skipped).toEqual([
      { step: 0, reason: 'changed', fields: ['authorName'], table: 'messages', key: row },
      { step: 1, reason: 'missing' },
    ]);
    expect(await eraser.resumeErasure(plan.id)).toMatchObject({ status: 'finished-with-skips' });
    const after = await snapshot(client, names);
    expect(after.messages!.filter((m) => m.roomId === 'r-bob')).toEqual([
      { roomId: 'r-bob', messageId: 'm1', authorName: 'A. (renamed)', text: 'hi bob' },
      seed.messages[1],
      seed.messages[3],
    ]);
    expect(after.users!.map((u) => u.userId)).toEqual(['bob', 'carol']);
    expect(after.messages!.filter((m) => m.roomId !== 'r-bob')).toEqual([]);

    // A plan for what was kept: the row read again, the field removed with its value now
    // (the authorId that linked it to alice is gone, so planning from scratch would not find it).
    expect((await eraser.planErasure('alice')).steps).toEqual([]);
    for (const from of [plan, plan.id]) {
      const again = await eraser.replanSkipped(from);
      expect(again.steps).toMatchObject([
        {
          action: 'remove',
          table: 'messages',
          key: row,
          fields: ['authorName'],
          expected: { authorName: 'A. (renamed)' },
        },
      ]);
    }
    const again = await eraser.replanSkipped(plan);
    expect(await eraser.executeErasure(again)).toMatchObject({ status: 'finished', skipped: [] });
    const done = await snapshot(client, names);
    expect(done.messages!.find((m) => m.messageId === 'm1' && m.roomId === 'r-bob')).toEqual({
      roomId: 'r-bob',
      messageId: 'm1',
      text: 'hi bob',
    });
  });

  it("goes through the tables' policies: a job the rooms policy does not name writes nothing there", async () => {
    const names = await freshSocial();
    const rogue = connectSocial(client, names, 'rogue-job').eraser;
    const plan = await rogue.planErasure('alice'); // reading rooms is open to every system job
    expect(plan.steps).toHaveLength(15);
    const before = await snapshot(client, names);
    const error = await rogue.executeErasure(plan, { batchSize: 8 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'policy.denied' });
    // The first batch (removals, topics, messages) went through; the one with rooms did not.
    const after = await snapshot(client, names);
    expect(after.rooms).toEqual(before.rooms);
    expect(after.users).toEqual(before.users);
    expect(after.topics!.map((t) => t.roomId)).toEqual(['r-bob']);
    const [pending] = await rogue.pendingErasures();
    expect(pending).toMatchObject({ planId: plan.id, done: 8 });
    // The erasure job itself may write, and finishes the same plan.
    const { eraser } = connectSocial(client, names);
    expect(await eraser.executeErasure(plan)).toMatchObject({ status: 'finished', resumedFrom: 8 });
    expect(await snapshot(client, names)).toEqual(expectedAfterAlice());
  });

  it('refuses a plan whose steps were edited', async () => {
    const names = await freshSocial();
    const { eraser } = connectSocial(client, names);
    const plan = await eraser.planErasure('alice');
    const edited = { ...plan, steps: plan.steps.slice(1) };
    await expect(eraser.executeErasure(edited)).rejects.toMatchObject({ code: 'request.invalid' });
    expect((await snapshot(client, names)).users).toHaveLength(3);
  });
});
