// The member list's view of the snapshot. Reading the file is @symval/records/snapshot's job,
// with the same rules as re-attestation and the CLI.
export type { Member, MemberGroup, TypeCount } from './group.js';
export { compareOwners, countByType, filterMembers, groupMembers } from './group.js';
export { formatDay } from './time.js';
