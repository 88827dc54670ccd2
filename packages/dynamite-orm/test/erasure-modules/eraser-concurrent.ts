// An eraser over the social tables (as eraser.ts) whose runs meet a concurrent edit: just
// before each run, alice's name in message r-bob/m1 is changed by another writer, so the run
// keeps that field (`finished-with-skips`).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Eraser } from '../../src/erasure/eraser.js';
import { reapplyOver } from '../../src/erasure/reapply.js';
import { connectSocial } from '../erasure-env.js';
import { messages } from '../social.js';

export function eraser(): Eraser {
  const client = new DynamoDBClient(JSON.parse(process.env.ERASURE_CLIENT_CONFIG!));
  const social = connectSocial(client, JSON.parse(process.env.ERASURE_TABLE_NAMES!));
  const inner = social.eraser;
  const db = social.connected.find((c) => c.definition === messages)!.asSystem('test-edit');
  const wrapped: Eraser = {
    ...inner,
    async executeErasure(plan, options) {
      await db.update(
        { roomId: 'r-bob', messageId: 'm1' },
        { set: { authorName: 'A. (renamed)' } },
      );
      return inner.executeErasure(plan, options);
    },
    reapplyErasures: (options) =>
      reapplyOver({ ledger: (since) => inner.erasureLedger({ since }), eraser: wrapped }, options),
  };
  return wrapped;
}
