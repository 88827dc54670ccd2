import { describe, expect, it } from 'vitest';
import type { PlannedWrite } from '../access/gate.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { type Actor, systemActor, viewerActor } from './actor.js';
import { ALLOWED, evaluateRules } from './evaluate.js';
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
import type { Decision, Rule } from './types.js';

interface Viewer {
  userId: string;
  admin?: boolean;
}
interface Note {
  ownerId: string;
  noteId: string;
  title: string;
}

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

describe('fieldEqualsViewer on writes', () => {
  const owner = fieldEqualsViewer('ownerId', 'userId');

  it('reads a key field from the key, without reading the current item', async () => {
    const op = planned({ type: 'delete' }, { ownerId: 'ada', noteId: 'n1' }, undefined);
    expect(await decide(owner, ada, op)).toBe('allow');
    expect(await decide(owner, bob, op)).toBe('skip');
    expect(op.reads()).toBe(0);
  });

  it('allows a put of the viewer’s item over nothing or over the viewer’s own item', async () => {
    const mine = { ...note, title: 'v2' };
    expect(
      await decide(owner, ada, planned({ type: 'put', item: mine }, { noteId: 'n1' }, undefined)),
    ).toBe('allow');
    expect(
      await decide(owner, ada, planned({ type: 'put', item: mine }, { noteId: 'n1' }, note)),
    ).toBe('allow');
  });

  it('refuses to let a put take over someone else’s item by writing the viewer’s id', async () => {
    const takeover = planned(
      { type: 'put', item: { ...note, ownerId: 'bob' } },
      { noteId: 'n1' },
      note,
    );
    expect(await decide(owner, bob, takeover)).toBe('skip');
    expect(takeover.reads()).toBe(1);
    const giveAway = planned(
      { type: 'put', item: { ...note, ownerId: 'bob' } },
      { noteId: 'n1' },
      note,
    );
    expect(await decide(owner, ada, giveAway)).toBe('skip');
  });

  it('checks updates against the stored item and the value they set', async () => {
    const key = { noteId: 'n1' };
    const retitle = planned({ type: 'update', changes: { set: { title: 'x' } } }, key, note);
    expect(await decide(owner, ada, retitle)).toBe('allow');
    expect(await decide(owner, bob, retitle)).toBe('skip');
    const handOver = planned({ type: 'update', changes: { set: { ownerId: 'bob' } } }, key, note);
    expect(await decide(owner, ada, handOver)).toBe('skip');
    const claim = planned(
      { type: 'update', changes: { setIfNotExists: { ownerId: 'bob' } } },
      key,
      note,
    );
    expect(await decide(owner, bob, claim)).toBe('skip');
    const upsert = planned(
      { type: 'update', changes: { set: { ownerId: 'bob' } } },
      key,
      undefined,
    );
    expect(await decide(owner, bob, upsert)).toBe('allow');
    const ownerless = planned({ type: 'update', changes: { set: { title: 'x' } } }, key, undefined);
    expect(await decide(owner, bob, ownerless)).toBe('skip');
    const disown = planned({ type: 'update', changes: { remove: ['ownerId'] } }, key, note);
    expect(await decide(owner, ada, disown)).toBe('skip');
  });

  it('allows deleting and checking only an existing item of the viewer', async () => {
    const key = { noteId: 'n1' };
    expect(await decide(owner, ada, planned({ type: 'delete' }, key, note))).toBe('allow');
    expect(await decide(owner, bob, planned({ type: 'delete' }, key, note))).toBe('skip');
    expect(await decide(owner, ada, planned({ type: 'delete' }, key, undefined))).toBe('skip');
    expect(await decide(owner, ada, planned({ type: 'check' }, key, note))).toBe('allow');
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
