export type { Member, MemberGroup, TypeCount } from './group.js';
export { compareOwners, countByType, filterMembers, groupMembers } from './group.js';
export type { ParseSnapshotResult, SnapshotRecord } from './parse.js';
export { parseRecord, parseSnapshot } from './parse.js';
export { formatDay, parseRfc3339 } from './time.js';
