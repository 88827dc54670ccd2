import { describe, expect, it, vi } from 'vitest';
import { defineTable } from '../define-table.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { systemActor, viewerActor } from '../policy/actor.js';
import { allowAll, allowIf, allowSystem, fieldEqualsViewer } from '../policy/index.js';
import { attr } from '../schema/builders.js';
import { defineItem } from '../schema/item-schema.js';
import {
  type AccessGate,
  authorizeWrites,
  createAccessGate,
  type PlannedWrite,
  revealItems,
  type SystemAccessEvent,
} from './gate.js';

const write = (table: string): PlannedWrite => ({
  type: 'delete',
  table,
  key: { id: table },
  condition: undefined,
  current: async () => undefined,
});

const notes = defineTable({
  name: 'notes',
  item: defineItem({ id: attr.string(), owner: attr.number().optional() }),
  partitionKey: 'id',
});
const table = (policies: unknown) => ({ name: 'notes', config: { policies }, model: notes.model });

async function caught(run: () => unknown): Promise<DynamiteError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DynamiteError) return error;
    throw error;
  }
  throw new Error('expected a DynamiteError');
}

describe('the access gate', () => {
  it('lets every actor read and write a table declared with allowAll()', async () => {
    const gate = createAccessGate(table(allowAll()));
    for (const actor of [viewerActor({ id: 1 }), systemActor('job')]) {
      expect(await gate.judgeReads(actor, [1, 2])).toBeUndefined();
      expect(await gate.checkWrite(actor, write('t'))).toEqual({});
    }
  });

  it('refuses viewers outright on a table without policies, and admits system jobs', async () => {
    const events: SystemAccessEvent[] = [];
    const gate = createAccessGate(table(undefined), {
      tableName: 'notes-prod',
      logger: (event) => events.push(event),
    });
    const error = await caught(() => gate.enter(viewerActor({ id: 1 }), 'query'));
    expect(error.code).toBe('policy.denied');
    expect(error.message).toContain('declares no policies');
    expect(error.message).toContain('allowAll()');
    gate.enter(systemActor('reindex'), 'scanAll');
    expect(events).toEqual([
      { table: 'notes', tableName: 'notes-prod', operation: 'scanAll', system: 'reindex' },
    ]);
    expect(await gate.checkWrite(systemActor('reindex'), write('notes'))).toEqual({});
    expect(await gate.judgeReads(viewerActor({ id: 1 }), [{}])).toEqual([false]);
  });

  it('logs system jobs only, once per call of enter', () => {
    const events: SystemAccessEvent[] = [];
    const gate = createAccessGate(table(allowAll()), { logger: (event) => events.push(event) });
    gate.enter(viewerActor({ id: 1 }), 'get');
    gate.enter(systemActor('export'), 'get');
    gate.enter(systemActor('export'), 'batchWrite');
    expect(events.map((e) => `${e.system}:${e.operation}:${e.tableName}`)).toEqual([
      'export:get:notes',
      'export:batchWrite:notes',
    ]);
  });

  it('by default warns once per job and kind of operation, as one JSON line', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const gate = createAccessGate(table(allowAll()), { tableName: 'notes-dev' });
      for (let i = 0; i < 3; i++) gate.enter(systemActor('export'), 'get');
      gate.enter(systemActor('export'), 'scanAll');
      gate.enter(systemActor('repair'), 'get');
      gate.enter(viewerActor({}), 'get');
      expect(warn.mock.calls.map((call) => JSON.parse(call[0] as string))).toEqual([
        {
          level: 'warn',
          message: 'dynamite-orm system access',
          table: 'notes',
          tableName: 'notes-dev',
          operation: 'get',
          system: 'export',
        },
        {
          level: 'warn',
          message: 'dynamite-orm system access',
          table: 'notes',
          tableName: 'notes-dev',
          operation: 'scanAll',
          system: 'export',
        },
        {
          level: 'warn',
          message: 'dynamite-orm system access',
          table: 'notes',
          tableName: 'notes-dev',
          operation: 'get',
          system: 'repair',
        },
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('judges items in order, waiting for async rules, and counts what it hides', async () => {
    const gate = createAccessGate(
      table({
        read: [
          allowSystem('export'),
          allowIf(async (_v, item: { n: number }) => item.n % 3 === 0),
          fieldEqualsViewer('owner', 'id'),
        ],
        write: [],
      }),
    );
    const items = Array.from({ length: 9 }, (_, n) => ({ n, owner: n < 2 ? 7 : 8 }));
    const { items: seen, denied } = await revealItems(gate, viewerActor({ id: 7 }), items);
    expect(seen.map((item) => item.n)).toEqual([0, 1, 3, 6]);
    expect(denied).toBe(5);
    expect(await gate.judgeReads(systemActor('export'), items)).toBeUndefined();
    expect(await gate.readDenial(systemActor('other'), items[0])).toBe(
      'no rule allowed it (all 3 skipped)',
    );
    expect(await gate.readDenial(viewerActor({ id: 1 }), items[1])).toBe(
      'no rule allowed it (all 3 skipped)',
    );
  });

  it('says which rule denied a write, and that an empty policy allows nothing', async () => {
    const gate = createAccessGate(
      table({
        read: [],
        write: [
          allowSystem(),
          (_v: unknown, op: PlannedWrite) => (op.type === 'delete' ? 'deny' : 'skip'),
        ],
      }),
    );
    expect(await gate.checkWrite(viewerActor({}), write('notes'))).toEqual({
      denial: 'denied by write rule 1 of notes (anonymous)',
    });
    expect(await gate.readDenial(viewerActor({}), {})).toBe(
      'the policy has no rules, so nothing is allowed',
    );
  });

  it('checks every write of a bulk operation and lists every refusal in one error', async () => {
    const checked: string[] = [];
    const refusing: AccessGate = {
      enter: () => {},
      judgeReads: async () => undefined,
      readDenial: async () => undefined,
      checkWrite: async (_actor, w) => {
        checked.push(w.table);
        return w.table === 'a' ? {} : { denial: `no writes to ${w.table}` };
      },
      readPredicate: () => undefined,
      conceals: () => false,
      reportDenied: () => {},
    };
    const actor = viewerActor('v');
    const error = await caught(() =>
      authorizeWrites(['a', 'b', 'c'].map((t) => ({ gate: refusing, actor, write: write(t) }))),
    );
    expect(checked).toEqual(['a', 'b', 'c']);
    expect(error.code).toBe('policy.denied');
    expect(error.denials).toMatchObject([
      { index: 1, reason: 'no writes to b', write: { table: 'b' } },
      { index: 2, reason: 'no writes to c', write: { table: 'c' } },
    ]);
    expect(error.message).toContain('2 of 3 writes refused, nothing was written');
  });
});
