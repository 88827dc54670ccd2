// The social-graph fixture of the erasure tests: users (the data subjects), rooms hosted by a
// user, topics of a room, follows in both directions, messages written in someone's room
// (threaded by replyTo), and a settings table that holds no one's data.
import {
  allowSystem,
  attr,
  deep,
  defineItem,
  defineTable,
  ERASURE_ACTOR,
  fieldEqualsViewer,
  type ItemOf,
  shallow,
  viewerType,
} from '../src/index.js';

export const users = defineTable({
  name: 'users',
  item: defineItem({
    userId: attr.string().meta({ personalData: 'identifier', purpose: 'account' }),
    name: attr.string().meta({ personalData: 'name', purpose: 'profile' }),
    email: attr.string().meta({ personalData: 'contact', purpose: 'sign-in' }),
    phone: attr
      .string()
      .optional()
      .meta({ personalData: 'contact', purpose: 'two-factor sign-in' }),
  }),
  partitionKey: 'userId',
  erasure: { kind: 'subject', key: (userId) => ({ userId }) },
});

export const rooms = defineTable({
  name: 'rooms',
  item: defineItem({
    roomId: attr.string(),
    hostId: attr.string().meta({ personalData: 'identifier', purpose: 'hosting' }),
    title: attr.string(),
    version: attr.int(),
  }),
  partitionKey: 'roomId',
  version: 'version',
  indexes: { byHost: { partitionKey: 'hostId', projection: 'keys' } },
  // Hosts manage their rooms; of the system jobs, only erasure (and the tests' seeding) writes.
  viewer: viewerType<{ userId: string }>(),
  policies: {
    read: [allowSystem(), fieldEqualsViewer('hostId', 'userId')],
    write: [allowSystem(ERASURE_ACTOR, 'test-seed'), fieldEqualsViewer('hostId', 'userId')],
  },
  erasure: {
    kind: 'cascade',
    edges: [deep(users, { index: 'byHost', key: (user) => ({ hostId: user.userId }) })],
  },
});

export const topics = defineTable({
  name: 'topics',
  item: defineItem({ roomId: attr.string(), topicId: attr.string(), title: attr.string() }),
  partitionKey: 'roomId',
  sortKey: 'topicId',
  erasure: { kind: 'cascade', edges: [deep(rooms, { key: (room) => ({ roomId: room.roomId }) })] },
});

export const follows = defineTable({
  name: 'follows',
  item: defineItem({
    followerId: attr.string().meta({ personalData: 'identifier', purpose: 'social graph' }),
    followeeId: attr.string().meta({ personalData: 'identifier', purpose: 'social graph' }),
    since: attr.date(),
  }),
  partitionKey: 'followerId',
  sortKey: 'followeeId',
  indexes: { byFollowee: { partitionKey: 'followeeId', sortKey: 'followerId' } },
  erasure: {
    kind: 'cascade',
    edges: [
      deep(users, { key: (user) => ({ followerId: user.userId }), description: 'who they follow' }),
      deep(users, {
        index: 'byFollowee',
        key: (user) => ({ followeeId: user.userId }),
        description: 'who follows them',
      }),
    ],
  },
});

const Message = defineItem({
  roomId: attr.string(),
  messageId: attr.string(),
  authorId: attr.string().optional().meta({ personalData: 'identifier', purpose: 'authorship' }),
  authorName: attr.string().optional().meta({ personalData: 'name', purpose: 'authorship' }),
  replyTo: attr.string().optional(),
  text: attr.string(),
});
type MessageItem = ItemOf<typeof Message>;

// Erasing a user deletes the rooms they host, and with a room every message in it (whoever
// wrote it: the room is the host's); in other people's rooms their messages stay, without the
// author. A message in the user's own room is reached both ways: deleting wins. Replies are
// a cycle of the table with itself (a deleted message takes its replies along).
export const messages = defineTable({
  name: 'messages',
  item: Message,
  partitionKey: 'roomId',
  sortKey: 'messageId',
  indexes: {
    byAuthor: { partitionKey: 'authorId', projection: 'keys' },
    byReplyTo: { partitionKey: 'replyTo' },
  },
  erasure: {
    kind: 'cascade',
    edges: [
      deep(rooms, { key: (room) => ({ roomId: room.roomId }) }),
      shallow(users, {
        index: 'byAuthor',
        key: (user) => ({ authorId: user.userId }),
        remove: ['authorId', 'authorName'],
      }),
      deep('messages', {
        index: 'byReplyTo',
        key: (message: MessageItem) => ({ replyTo: `${message.roomId}/${message.messageId}` }),
      }),
    ],
  },
});

export const settings = defineTable({
  name: 'settings',
  item: defineItem({ key: attr.string(), value: attr.string() }),
  partitionKey: 'key',
  erasure: { kind: 'none', justification: 'Feature flags and limits: no data about a person.' },
});

/** Every table of the fixture (the checkpoint table apart). */
export const tables = [users, rooms, topics, follows, messages, settings];

/** The rows the tests start from. Alice is the subject erased. */
export const seed = {
  users: [
    { userId: 'alice', name: 'Alice', email: 'alice@example.com', phone: '+1 555 0100' },
    { userId: 'bob', name: 'Bob', email: 'bob@example.com' },
    { userId: 'carol', name: 'Carol', email: 'carol@example.com' },
  ],
  rooms: [
    { roomId: 'r-alice-1', hostId: 'alice', title: 'Alice one' },
    { roomId: 'r-alice-2', hostId: 'alice', title: 'Alice two' },
    { roomId: 'r-bob', hostId: 'bob', title: 'Bob room' },
  ],
  topics: [
    { roomId: 'r-alice-1', topicId: 't1', title: 'music' },
    { roomId: 'r-alice-1', topicId: 't2', title: 'art' },
    { roomId: 'r-alice-2', topicId: 't1', title: 'food' },
    { roomId: 'r-bob', topicId: 't1', title: 'sports' },
  ],
  follows: [
    { followerId: 'alice', followeeId: 'bob', since: new Date('2024-01-01T00:00:00Z') },
    { followerId: 'bob', followeeId: 'alice', since: new Date('2024-01-02T00:00:00Z') },
    { followerId: 'carol', followeeId: 'alice', since: new Date('2024-01-03T00:00:00Z') },
    { followerId: 'bob', followeeId: 'carol', since: new Date('2024-01-04T00:00:00Z') },
    { followerId: 'alice', followeeId: 'alice', since: new Date('2024-01-05T00:00:00Z') },
  ],
  messages: [
    { roomId: 'r-bob', messageId: 'm1', authorId: 'alice', authorName: 'Alice', text: 'hi bob' },
    {
      roomId: 'r-bob',
      messageId: 'm2',
      authorId: 'bob',
      authorName: 'Bob',
      text: 'hi alice',
      replyTo: 'r-bob/m1',
    },
    { roomId: 'r-bob', messageId: 'm3', authorId: 'alice', text: 'no name given' },
    { roomId: 'r-bob', messageId: 'm4', authorId: 'carol', authorName: 'Carol', text: 'hello' },
    { roomId: 'r-alice-1', messageId: 'm1', authorId: 'bob', authorName: 'Bob', text: 'nice room' },
    {
      roomId: 'r-alice-1',
      messageId: 'm2',
      authorId: 'alice',
      authorName: 'Alice',
      text: 'thanks',
      replyTo: 'r-alice-1/m1',
    },
    { roomId: 'r-alice-2', messageId: 'm1', authorId: 'carol', authorName: 'Carol', text: 'first' },
  ],
  settings: [
    { key: 'max-rooms', value: '10' },
    { key: 'theme', value: 'dark' },
  ],
};
