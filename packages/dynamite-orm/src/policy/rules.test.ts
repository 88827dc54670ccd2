import { describe, expect, it } from 'vitest';
import type { PlannedWrite } from '../access/gate.js';
import { defineTable } from '../define-table.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { conditionHolds, decodedLookup, storedLookup } from '../expressions/evaluate-condition.js';
import { attr } from '../schema/builders.js';
import { defineItem } from '../schema/item-schema.js';
import { type Actor, systemActor, viewerActor } from './actor.js';
import { ALLOWED, evaluateRules, evaluateWriteRules } from './evaluate.js';
import {
  allOf,
  allowAll,
  allowIf,
  allowSystem,
  alwaysAllow,
  alwaysDeny,
  denyIf,
  fieldEqualsViewer,
  firstOf,
  systemRule,
} from './index.js';
import { offerOf } from './rules.js';
import { type Decision, operationModel, type Rule } from './types.js';
import { allowWhere } from './where-rule.js';

interface Viewer {
  userId: string;
  admin?: boolean;
}
type Note = {
  ownerId: string;
  noteId: string;
  title: string;
};

const ada = viewerActor<Viewer>({ userId: 'ada' });
const bob = viewerActor<Viewer>({ userId: 'bob' });
const job = systemActor('export');

/** What one rule decides for an actor, as the policy evaluator would call it. */
async function decide<V, S>(rule: Rule<V, S>, actor: Actor<V>, subject: S): Promise<Decision> {
  const verdict = await evaluateRules([rule], actor, subject, (i) => `rule ${i}`);
  return verdict === ALLOWED ? 'allow' : verdict === 0 ? 'deny' : 'skip';
}

const note: Note = { ownerId: 'ada', noteId: 'n1', title: 'Engines' };

type Planned = PlannedWrite<Record<string, unknown>, Record<string, unknown>> & {
  reads: () => number;
};

/** A planned write with a current item and a count of the reads it made. */
function planned(
  op:
    | { type: 'put'; item: Record<string, unknown> }
    | { type: 'update'; changes: Record<string, unknown> }
    | { type: 'delete' }
    | { type: 'check' },
  key: Record<string, unknown>,
  stored: object | undefined,
): Planned {
  let reads = 0;
  return {
    ...op,
    table: 'notes',
    key,
    condition: undefined,
    current: async () => {
      reads++;
      return stored;
    },
    reads: () => reads,
  } as Planned;
}

describe('alwaysAllow, alwaysDeny', () => {
  it('decide for viewers and system jobs alike', async () => {
    for (const actor of [ada, job]) {
      expect(await decide(alwaysAllow(), actor, note)).toBe('allow');
      expect(await decide(alwaysDeny(), actor, note)).toBe('deny');
    }
  });

  it('make allowAll() policies that allow every read and write', async () => {
    const { read, write } = allowAll();
    expect(await decide(read[0]!, job, note)).toBe('allow');
    expect(await decide(write[0]!, bob, planned({ type: 'delete' }, {}, undefined))).toBe('allow');
  });
});

describe('allowSystem and systemRule', () => {
  it('allowSystem lets the named jobs through and skips for everyone else', async () => {
    expect(await decide(allowSystem('export', 'erasure'), job, note)).toBe('allow');
    expect(await decide(allowSystem('erasure'), job, note)).toBe('skip');
    expect(await decide(allowSystem(), systemActor('anything'), note)).toBe('allow');
    expect(await decide(allowSystem(), ada, note)).toBe('skip');
    expect(allowSystem('export').name).toBe('allowSystem(export)');
  });

  it('systemRule decides for system jobs only', async () => {
    const deletesOnly = systemRule((system, op: PlannedWrite) =>
      system.name === 'erasure' && op.type === 'delete' ? 'allow' : 'skip',
    );
    const del = planned({ type: 'delete' }, { noteId: 'n1' }, note);
    expect(await decide(deletesOnly, systemActor('erasure'), del)).toBe('allow');
    expect(await decide(deletesOnly, job, del)).toBe('skip');
    expect(await decide(deletesOnly, viewerActor({}), del)).toBe('skip');
  });

  it('refuses job names that are not strings', () => {
    expect(() => allowSystem('' as string)).toThrow(DynamiteError);
  });
});

describe('allowIf and denyIf', () => {
  const isOwner = (viewer: Viewer, n: Note) => n.ownerId === viewer.userId;

  it('allow or deny when the predicate holds and skip otherwise', async () => {
    expect(await decide(allowIf(isOwner), ada, note)).toBe('allow');
    expect(await decide(allowIf(isOwner), bob, note)).toBe('skip');
    expect(await decide(denyIf(isOwner), ada, note)).toBe('deny');
    expect(await decide(denyIf(isOwner), bob, note)).toBe('skip');
  });

  it('take async predicates', async () => {
    const lookup = async (viewer: Viewer) => viewer.userId === 'bob';
    expect(await decide(allowIf(lookup), bob, note)).toBe('allow');
    expect(await decide(denyIf(lookup), ada, note)).toBe('skip');
  });

  it('skip for system jobs, whose viewer would not be a Viewer', async () => {
    expect(
      await decide(
        allowIf(() => true),
        job,
        note,
      ),
    ).toBe('skip');
    expect(
      await decide(
        denyIf(() => true),
        job,
        note,
      ),
    ).toBe('skip');
  });

  it('are named after the predicate or the given name, for denial reasons', () => {
    expect(allowIf(isOwner).name).toBe('allowIf(isOwner)');
    expect(denyIf(() => true, 'suspended').name).toBe('denyIf(suspended)');
  });

  it('treat a predicate that returns a non-boolean as a bug', async () => {
    const sloppy = allowIf((_v: Viewer, n: Note) => n.title as unknown as boolean);
    await expect(decide(sloppy, ada, note)).rejects.toThrow(/must return a boolean/);
  });
});

describe('fieldEqualsViewer on reads', () => {
  const owner = fieldEqualsViewer('ownerId', 'userId');

  it('allows the item whose field equals the viewer property and skips the others', async () => {
    expect(await decide(owner, ada, note)).toBe('allow');
    expect(await decide(owner, bob, note)).toBe('skip');
    expect(owner.name).toBe('fieldEqualsViewer(ownerId = viewer.userId)');
  });

  it('skips items without the field and viewers without the property', async () => {
    expect(await decide(owner, ada, { noteId: 'n1' } as Partial<Note>)).toBe('skip');
    expect(await decide(owner, viewerActor({} as { userId: string }), { ownerId: undefined })).toBe(
      'skip',
    );
    expect(await decide(owner, job, note)).toBe('skip');
  });

  it('compares dates by time', async () => {
    const rule = fieldEqualsViewer('day', 'today');
    const today = viewerActor({ today: new Date('2024-05-01T00:00:00Z') });
    expect(await decide(rule, today, { day: new Date('2024-05-01T00:00:00Z') })).toBe('allow');
  });
});

const notes = defineTable({
  name: 'notes',
  item: defineItem({ ownerId: attr.string(), noteId: attr.string(), title: attr.string() }),
  partitionKey: 'noteId',
});

/**
 * What a write rule decides for an actor once DynamoDB has judged the condition it answered
 * with on the item stored when the write is made.
 */
async function decideWrite<V>(
  rule: Rule<V, never>,
  actor: Actor<V>,
  op: unknown,
  stored: Note | undefined,
): Promise<Decision> {
  const { verdict, condition } = await evaluateWriteRules(
    [rule],
    actor,
    op as never,
    (i) => `rule ${i}`,
  );
  if (verdict === ALLOWED) return 'allow';
  const raw = stored === undefined ? undefined : notes.marshal(stored);
  if (condition && conditionHolds(notes.model, condition, storedLookup(raw))) return 'allow';
  return verdict === 0 ? 'deny' : 'skip';
}

describe('fieldEqualsViewer on writes', () => {
  const owner = fieldEqualsViewer('ownerId', 'userId');

  it('reads a key field from the key, without reading the current item', async () => {
    const op = planned({ type: 'delete' }, { ownerId: 'ada', noteId: 'n1' }, undefined);
    expect(await decide(owner, ada, op)).toBe('allow');
    expect(await decide(owner, bob, op)).toBe('skip');
    expect(op.reads()).toBe(0);
  });

  it('leaves the stored owner to DynamoDB: a condition in the write, no read before it', async () => {
    const op = planned({ type: 'delete' }, { noteId: 'n1' }, note);
    expect(await owner(ada.viewer, op)).toEqual({
      allowIf: { type: 'compare', path: 'ownerId', operator: '=', value: 'ada', size: false },
      otherwise: 'skip',
    });
    expect(op.reads()).toBe(0);
  });

  it('allows a put of the viewer’s item over nothing or over the viewer’s own item', async () => {
    const mine = { ...note, title: 'v2' };
    const put = planned({ type: 'put', item: mine }, { noteId: 'n1' }, undefined);
    expect(await decideWrite(owner, ada, put, undefined)).toBe('allow');
    expect(await decideWrite(owner, ada, put, note)).toBe('allow');
    expect(put.reads()).toBe(0);
  });

  it('refuses to let a put take over someone else’s item by writing the viewer’s id', async () => {
    const takeover = planned(
      { type: 'put', item: { ...note, ownerId: 'bob' } },
      { noteId: 'n1' },
      note,
    );
    expect(await decideWrite(owner, bob, takeover, note)).toBe('skip');
    expect(await decideWrite(owner, bob, takeover, undefined)).toBe('allow');
    expect(await decideWrite(owner, ada, takeover, note)).toBe('skip');
  });

  it('checks updates against the stored item and the value they set', async () => {
    const key = { noteId: 'n1' };
    const update = (changes: Record<string, unknown>) =>
      planned({ type: 'update', changes }, key, undefined);
    const retitle = update({ set: { title: 'x' } });
    expect(await decideWrite(owner, ada, retitle, note)).toBe('allow');
    expect(await decideWrite(owner, bob, retitle, note)).toBe('skip');
    expect(await decideWrite(owner, ada, update({ set: { ownerId: 'bob' } }), note)).toBe('skip');
    const claim = update({ setIfNotExists: { ownerId: 'bob' } });
    expect(await decideWrite(owner, bob, claim, note)).toBe('skip');
    expect(await decideWrite(owner, bob, update({ set: { ownerId: 'bob' } }), undefined)).toBe(
      'allow',
    );
    expect(await decideWrite(owner, bob, retitle, undefined)).toBe('skip');
    expect(await decideWrite(owner, ada, update({ remove: ['ownerId'] }), note)).toBe('skip');
  });

  it('allows deleting and checking only an existing item of the viewer', async () => {
    const key = { noteId: 'n1' };
    const del = planned({ type: 'delete' }, key, undefined);
    expect(await decideWrite(owner, ada, del, note)).toBe('allow');
    expect(await decideWrite(owner, bob, del, note)).toBe('skip');
    expect(await decideWrite(owner, ada, del, undefined)).toBe('skip');
    expect(await decideWrite(owner, ada, planned({ type: 'check' }, key, undefined), note)).toBe(
      'allow',
    );
  });

  it('offers the viewer’s own items to reads, and nothing to viewers without the property', () => {
    expect(offerOf(owner, ada)).toEqual({
      type: 'compare',
      path: 'ownerId',
      operator: '=',
      value: 'ada',
      size: false,
    });
    expect(offerOf(owner, viewerActor({} as Viewer))).toBe('none');
    expect(offerOf(owner, job)).toBe('none');
  });
});

describe('allowWhere', () => {
  const prefix = allowWhere<Viewer, Note>(
    (viewer, c) => c.beginsWith('title', `${viewer.userId}:`),
    'own titles',
  );
  const withModel = <T extends object>(op: T) => ({ ...op, [operationModel]: notes.model });

  it('allows the items its condition holds for, on reads, and offers the condition', async () => {
    const gateSettle = (item: Note) =>
      evaluateRules(
        [prefix],
        ada,
        item,
        (i) => `rule ${i}`,
        (d, subject) =>
          conditionHolds(notes.model, d.allowIf, decodedLookup(subject)) ? 'allow' : d.otherwise,
      );
    expect(await gateSettle({ ...note, title: 'ada: engines' })).toBe(ALLOWED);
    expect(await gateSettle(note)).toBe(1);
    expect(offerOf(prefix, ada)).toEqual({ type: 'beginsWith', path: 'title', prefix: 'ada:' });
    expect(offerOf(prefix, job)).toBe('none');
    expect(prefix.name).toBe('allowWhere(own titles)');
  });

  it('holds a put’s new item and the item it replaces to the condition', async () => {
    const item = { ...note, title: 'ada: mine' };
    const put = withModel(planned({ type: 'put', item }, { noteId: 'n1' }, undefined));
    expect(await decideWrite(prefix, ada, put, undefined)).toBe('allow');
    expect(await decideWrite(prefix, ada, put, item)).toBe('allow');
    expect(await decideWrite(prefix, ada, put, note)).toBe('skip');
    const foreign = withModel(planned({ type: 'put', item: note }, { noteId: 'n1' }, undefined));
    expect(await decideWrite(prefix, ada, foreign, undefined)).toBe('skip');
  });

  it('skips an update that changes a field its condition reads, and holds others to the stored item', async () => {
    const key = { noteId: 'n1' };
    const own = { ...note, title: 'ada: x' };
    const retitle = planned(
      { type: 'update', changes: { set: { title: 'ada: y' } } },
      key,
      undefined,
    );
    expect(await decideWrite(prefix, ada, retitle, own)).toBe('skip');
    const move = planned({ type: 'update', changes: { set: { ownerId: 'bob' } } }, key, undefined);
    expect(await decideWrite(prefix, ada, move, own)).toBe('allow');
    expect(await decideWrite(prefix, ada, move, note)).toBe('skip');
  });
});

describe('firstOf and allOf', () => {
  const admin = allowIf((viewer: Viewer) => viewer.admin === true);
  const owner = fieldEqualsViewer('ownerId', 'userId');
  const archived = denyIf(
    async (_v: Viewer, n: Note & { archived?: boolean }) => n.archived === true,
  );

  it('firstOf answers with the first child that decides, and skips when all skip', async () => {
    const rule = firstOf<Viewer, Note & { archived?: boolean }>(archived, admin, owner);
    expect(await decide(rule, ada, note)).toBe('allow');
    expect(await decide(rule, bob, note)).toBe('skip');
    expect(await decide(rule, viewerActor({ userId: 'x', admin: true }), note)).toBe('allow');
    expect(await decide(rule, ada, { ...note, archived: true })).toBe('deny');
    expect(rule.name).toBe(
      'firstOf(denyIf(anonymous), allowIf(anonymous), fieldEqualsViewer(ownerId = viewer.userId))',
    );
  });

  it('allOf allows only when every child allows and denies when any denies', async () => {
    const rule = allOf<Viewer, Note & { archived?: boolean }>(owner, admin);
    expect(await decide(rule, viewerActor({ userId: 'ada', admin: true }), note)).toBe('allow');
    expect(await decide(rule, ada, note)).toBe('skip');
    const strict = allOf<Viewer, Note & { archived?: boolean }>(owner, archived);
    expect(await decide(strict, ada, { ...note, archived: true })).toBe('deny');
    expect(await decide(allOf(alwaysAllow(), alwaysAllow()), ada, note)).toBe('allow');
  });

  it('pass system jobs on to the children that decide for them', async () => {
    expect(await decide(firstOf<Viewer, Note>(admin, allowSystem('export')), job, note)).toBe(
      'allow',
    );
    expect(await decide(firstOf<Viewer, Note>(admin, allowSystem('other')), job, note)).toBe(
      'skip',
    );
    expect(await decide(allOf(allowSystem(), alwaysAllow()), job, note)).toBe('allow');
    expect(await decide(allOf<Viewer, Note>(allowSystem(), admin), job, note)).toBe('skip');
  });

  it('stop at the first deny without asking the rest', async () => {
    const asked: string[] = [];
    const spy = (name: string, answer: Decision) =>
      Object.defineProperty(
        () => {
          asked.push(name);
          return answer;
        },
        'name',
        { value: name },
      ) as Rule<Viewer, Note>;
    await decide(allOf(spy('a', 'allow'), spy('b', 'deny'), spy('c', 'allow')), ada, note);
    await decide(firstOf(spy('d', 'skip'), spy('e', 'allow'), spy('f', 'deny')), ada, note);
    expect(asked).toEqual(['a', 'b', 'd', 'e']);
  });

  it('need at least one rule', () => {
    expect(() => firstOf()).toThrow(/firstOf needs at least one rule/);
    expect(() => allOf()).toThrow(/allOf needs at least one rule/);
  });
});
