// Reading a sharded layout back out of a store, for comparing two layouts by content: files
// are named by the generation that wrote them, so two equal layouts differ only in names.
import {
  type LayoutFetch,
  parseLayoutIndex,
  parseLayoutNode,
  parseOwnerDirectory,
  readLayoutShard,
} from '@symval/records/snapshot';
import type { ObjectStore } from '../src/index.js';

/** A {@link LayoutFetch} over a store, beside `indexKey`. */
export function storeFetch(store: ObjectStore, indexKey: string): LayoutFetch {
  const folder = indexKey.slice(0, indexKey.lastIndexOf('/') + 1);
  return async (path) =>
    (await store.get(path === 'index.json' ? indexKey : `${folder}${path}`))?.body;
}

/** The layout with every file name replaced by the file's content. */
export async function resolveLayout(store: ObjectStore, indexKey: string): Promise<unknown> {
  const fetch = storeFetch(store, indexKey);
  const text = await fetch('index.json');
  if (text === undefined) return undefined;
  const { generation: _generation, ...index } = parseLayoutIndex(text);
  const resolve = async (level: number, children: typeof index.children): Promise<unknown[]> =>
    Promise.all(
      children.map(async ({ file, ...counts }) => {
        const body = await fetch(file);
        if (body === undefined) throw new Error(`${file} is named but missing`);
        if (level === 1) return { ...counts, shard: readLayoutShard(body, file).owners };
        const node = parseLayoutNode(body, file);
        return { ...counts, level: node.level, children: await resolve(node.level, node.children) };
      }),
    );
  return { ...index, children: await resolve(index.level, index.children) };
}

/** Every owner the directory lists, as `id owner` lines, sorted. */
export async function directoryOwners(
  store: ObjectStore & { objects?: ReadonlyMap<string, { body: string }> },
  indexKey: string,
): Promise<string[]> {
  const folder = `${indexKey.slice(0, indexKey.lastIndexOf('/') + 1)}owners/`;
  const out: string[] = [];
  for (const [key, object] of store.objects ?? []) {
    if (!key.startsWith(folder)) continue;
    for (const [id, owner] of parseOwnerDirectory(object.body, key).owners)
      out.push(`${id} ${owner}`);
  }
  return out.sort();
}
