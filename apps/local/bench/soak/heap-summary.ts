// A heap snapshot (V8's JSON) summed by constructor, and two summaries compared: what grew
// between warm-up and the end of the soak, by count and by bytes.

/** Objects of one kind in a snapshot: how many, and their own (shallow) bytes. */
export interface HeapGroup {
  count: number;
  bytes: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

// Kinds whose name is the content (a string's text, a number) rather than a constructor.
const BY_TYPE = new Set(['string', 'concatenated string', 'sliced string', 'number', 'code']);

/** Sums a snapshot's nodes by kind: `Name` for objects, `(type) name` for the rest. */
export function summarizeHeap(json: string): Map<string, HeapGroup> {
  const { snapshot, nodes, strings } = JSON.parse(json) as Snapshot;
  const fields = snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = snapshot.meta.node_types[0];
  const groups = new Map<string, HeapGroup>();
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]!]!;
    const name = strings[nodes[i + nameAt]!]!;
    const key = type === 'object' ? name : BY_TYPE.has(type) ? `(${type})` : `(${type}) ${name}`;
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count++;
    group.bytes += nodes[i + sizeAt]!;
    groups.set(key, group);
  }
  return groups;
}

/** The kinds that grew most in bytes from `before` to `after`, largest first. */
export function heapGrowth(
  before: Map<string, HeapGroup>,
  after: Map<string, HeapGroup>,
  top = 15,
): Array<{ kind: string; count: number; bytes: number; countAfter: number; bytesAfter: number }> {
  return [...after.entries()]
    .map(([kind, group]) => {
      const was = before.get(kind) ?? { count: 0, bytes: 0 };
      return {
        kind,
        count: group.count - was.count,
        bytes: group.bytes - was.bytes,
        countAfter: group.count,
        bytesAfter: group.bytes,
      };
    })
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}
