// Finding one owner for the owner page: through the layout's owner directory and the one shard
// holding them, or, where a deployment has no layout yet, in the whole file.
import {
  createHttpLayoutFetch,
  findLayoutOwner,
  isOwnerPageId,
  ownerPageId,
  readLayoutIndex,
  readSnapshotDocument,
} from '@symval/records/snapshot';
import { groupMembers, type Member } from '../snapshot/group.js';
import { layoutIndexUrl, memberOfLayoutOwner } from './members.js';

/** The owner page id in a path `/owners/<id>/` (or `/owners/<id>/index.html`), if any. */
export function ownerIdOfPath(pathname: string): string | undefined {
  const id = /\/owners\/([^/]+)\/(?:index\.html)?$/.exec(pathname)?.[1];
  return isOwnerPageId(id) ? id : undefined;
}

/** What looking an owner up found. */
export interface OwnerLookup {
  member: Member | undefined;
  /** Records of the owner (or of the file read) that did not read and were left out. */
  rejected: number;
  source: 'layout' | 'whole-file';
}

/** Finds the owner with page id `id` beside `snapshotUrl`. */
export async function lookUpOwner(
  snapshotUrl: string,
  id: string,
  priorityOwner: string | null,
): Promise<OwnerLookup> {
  const fetchLayout = createHttpLayoutFetch(layoutIndexUrl(snapshotUrl), {
    init: { cache: 'no-cache' },
  });
  const index = await readLayoutIndex(fetchLayout);
  if (index) {
    const found = await findLayoutOwner(fetchLayout, id, { index });
    return {
      member: found ? memberOfLayoutOwner(found.owner, priorityOwner) : undefined,
      rejected: found?.rejected.length ?? 0,
      source: 'layout',
    };
  }
  const response = await fetch(snapshotUrl);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const read = readSnapshotDocument(await response.json());
  const ids = new Map<string, boolean>();
  const mine = read.records.filter((record) => {
    let match = ids.get(record.Owner);
    if (match === undefined) {
      match = ownerPageId(record.Owner) === id;
      ids.set(record.Owner, match);
    }
    return match;
  });
  return {
    member: groupMembers(mine, priorityOwner)[0],
    rejected: read.rejected.length,
    source: 'whole-file',
  };
}
