// The social graph without its none table: every personal attribute is erased.
import { follows, messages, rooms, topics, users } from '../social.js';

export default [users, rooms, topics, follows, messages];
