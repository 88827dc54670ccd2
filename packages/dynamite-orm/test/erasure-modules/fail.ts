// A table with personal data and no erasure decision.
import { attr, defineItem, defineTable } from '../../src/index.js';
import { users } from '../social.js';

const audit = defineTable({
  name: 'audit-log',
  item: defineItem({
    entryId: attr.string(),
    actorEmail: attr.string().meta({ personalData: 'contact' }),
  }),
  partitionKey: 'entryId',
});

export const tables = { users, audit };
