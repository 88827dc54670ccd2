// Schemas shared by the tests: a realistic versioned table with every attribute kind.
import { allowAll, attr, defineItem, defineTable, viewerType } from '../src/index.js';

export interface AppViewer {
  userId: string;
  admin?: boolean;
}

/** A viewer for tests that are not about access rules (the fixture tables allow everyone). */
export const tester: AppViewer = { userId: 'tester' };

export const Profile = defineItem({
  userId: attr.string().savedAs('pk'),
  email: attr.string().meta({ personalData: 'contact', purpose: 'sign-in' }),
  displayName: attr.string(),
  nickname: attr.string().optional(),
  bio: attr.string().nullable(),
  age: attr.int().optional(),
  score: attr.float().default(0),
  balance: attr.bigint().default(0n),
  verified: attr.boolean().default(false),
  role: attr.literal('member', 'moderator', 'admin').default('member'),
  level: attr.enum([1, 2, 3]).optional(),
  createdAt: attr.date(),
  lastSeen: attr.date({ storage: 'epochMillis' }).optional(),
  expiresAt: attr.date({ storage: 'epochSeconds' }).optional(),
  tags: attr.stringSet(),
  luckyNumbers: attr.numberSet().optional(),
  history: attr.list(attr.map({ at: attr.date(), action: attr.string() })).default([]),
  address: attr
    .map({
      city: attr.string(),
      zip: attr.string().optional(),
      geo: attr.map({ lat: attr.float(), lon: attr.float() }).optional(),
    })
    .optional(),
  avatar: attr.binary().optional(),
  org: attr.string().optional(),
  version: attr.int(),
});

export const profiles = defineTable({
  name: 'profiles',
  item: Profile,
  partitionKey: 'userId',
  version: 'version',
  ttl: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
  viewer: viewerType<AppViewer>(),
  policies: allowAll(),
  indexes: {
    byEmail: { partitionKey: 'email', projection: 'keys' },
    byOrg: { partitionKey: 'org', sortKey: 'createdAt', projection: ['displayName'] },
  },
});

export const Message = defineItem({
  roomId: attr.string().savedAs('pk'),
  sentAt: attr.date().savedAs('sk'),
  authorId: attr.string().optional(),
  text: attr.string(),
  likes: attr.int().default(0),
});

export const messages = defineTable({
  name: 'messages',
  item: Message,
  partitionKey: 'roomId',
  sortKey: 'sentAt',
  policies: allowAll(),
  indexes: { byAuthor: { partitionKey: 'authorId', sortKey: 'sentAt' } },
});
