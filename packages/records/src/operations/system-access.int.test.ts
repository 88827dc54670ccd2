import type { SystemAccessEvent } from '@symval/dynamite-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRecordsTable, localClient } from '../../test/dynamo.js';
import { connectRecords } from './records-client.js';

const client = localClient();
let tableName: string;

beforeAll(async () => {
  tableName = await createRecordsTable(client);
});
afterAll(() => client.destroy());

async function scanAll(records: ReturnType<typeof connectRecords>): Promise<number> {
  let count = 0;
  for await (const _ of records.asSystem('snapshot-rebuild').listAll()) count++;
  return count;
}

describe('system access through connectRecords', () => {
  it('reaches the logger given as systemAccessLogger, once per operation', async () => {
    const events: SystemAccessEvent[] = [];
    const records = connectRecords(client, {
      tableName,
      systemAccessLogger: (event) => events.push(event),
    });
    expect(await scanAll(records)).toBe(0);
    expect(await scanAll(records)).toBe(0);
    expect(events).toEqual([
      { table: 'domain-records', tableName, operation: 'scanAll', system: 'snapshot-rebuild' },
      { table: 'domain-records', tableName, operation: 'scanAll', system: 'snapshot-rebuild' },
    ]);
  });

  it('is logged at INFO on stdout by default, never as a warning on stderr', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const records = connectRecords(client, { tableName });
      await scanAll(records);
      await scanAll(records);
      expect(warn).not.toHaveBeenCalled();
      expect(info.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual([
        {
          level: 'INFO',
          message: 'dynamite-orm system access',
          table: 'domain-records',
          tableName,
          operation: 'scanAll',
          system: 'snapshot-rebuild',
        },
      ]);
    } finally {
      info.mockRestore();
      warn.mockRestore();
    }
  });
});
