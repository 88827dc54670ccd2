import { describe, expect, it } from 'vitest';
import { DynamiteError } from '../errors/dynamite-error.js';
import { systemActor, viewerActor } from './actor.js';
import { type AccessGate, authorizeWrites, createAccessGate, type PlannedWrite } from './gate.js';

const write = (table: string): PlannedWrite => ({
  type: 'delete',
  table,
  key: { id: table },
  condition: undefined,
  current: async () => undefined,
});

describe('the access gate', () => {
  it('allows every read and write while no policy exists', async () => {
    const gate = createAccessGate({});
    expect(await gate.revealItems(viewerActor({ id: 1 }), 'query', [1, 2])).toEqual({
      items: [1, 2],
      denied: 0,
    });
    expect(await gate.checkWrite(systemActor('job'), write('t'))).toBeUndefined();
  });

  it('checks every write of a bulk operation and lists every refusal in one error', async () => {
    const checked: string[] = [];
    const refusing: AccessGate = {
      revealItems: async (_a, _o, items) => ({ items, denied: 0 }),
      checkWrite: async (_actor, w) => {
        checked.push(w.table);
        return w.table === 'a' ? undefined : `no writes to ${w.table}`;
      },
    };
    const actor = viewerActor('v');
    let error: unknown;
    try {
      await authorizeWrites(
        ['a', 'b', 'c'].map((t) => ({ gate: refusing, actor, write: write(t) })),
      );
    } catch (e) {
      error = e;
    }
    expect(checked).toEqual(['a', 'b', 'c']);
    expect(error).toBeInstanceOf(DynamiteError);
    expect((error as DynamiteError).code).toBe('policy.denied');
    expect((error as DynamiteError).denials).toHaveLength(2);
    expect((error as DynamiteError).message).toContain('2 of 3 writes refused');
  });
});
