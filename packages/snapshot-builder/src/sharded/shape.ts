import { createHash } from 'node:crypto';

/**
 * The tree's shape: which owners start a shard and which shards start a node. An owner's
 * height comes from a keyed hash of its name, so the layout of a set of owners is the same
 * however it was reached (a rebuild and any history of batches give the same shards), a change
 * only moves the boundaries next to it, and, with the secret salt, nobody can choose owner
 * names that pile up in one shard.
 */
export interface TreeShape {
  /** The salt of the hash (hex), kept in the private state. */
  readonly salt: string;
  /** log2 of the owners per shard, on average. */
  readonly leafBits: number;
  /** log2 of the children per node, on average. */
  readonly fanoutBits: number;
}

/** 8 owners per shard (about 40 records), 32 children per node, on average. */
export const DEFAULT_LEAF_BITS = 3;
export const DEFAULT_FANOUT_BITS = 5;

const MAX_HEIGHT = 24;

/**
 * The height of owners under a shape: 0 for most; at least 1 for an owner that starts a
 * shard (1 in 2^leafBits); at least k + 1 for one that also starts a level-k node (1 in
 * 2^fanoutBits of those of height k). Remembered for the owners asked about most recently.
 */
export function heightFunction(shape: TreeShape): (owner: string) => number {
  const leaf = 2 ** shape.leafBits;
  const fanout = 2 ** shape.fanoutBits;
  const salt = Buffer.from(shape.salt, 'hex');
  const cache = new Map<string, number>();
  return (owner) => {
    const known = cache.get(owner);
    if (known !== undefined) return known;
    const digest = createHash('sha256').update(salt).update(owner, 'utf8').digest();
    // 48 bits: exact in a double.
    let u = digest.readUIntBE(0, 6);
    let height = 0;
    if (u % leaf === 0) {
      height = 1;
      u = Math.floor(u / leaf);
      while (height < MAX_HEIGHT && u > 0 && u % fanout === 0) {
        height++;
        u = Math.floor(u / fanout);
      }
      if (u === 0) height = MAX_HEIGHT;
    }
    if (cache.size >= 200_000) cache.clear();
    cache.set(owner, height);
    return height;
  };
}

/** The name of an immutable object: the generation that wrote it and a hash of its bytes. */
export function objectName(generation: number, text: string): string {
  return `${generation.toString(36)}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}

/** An owner's page id (`ownerPageId` of `@symval/records/snapshot`), with Node's hash. */
export function pageIdOf(owner: string): string {
  return createHash('sha256').update(owner, 'utf8').digest('base64url');
}
