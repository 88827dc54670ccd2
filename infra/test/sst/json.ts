// Resource inputs as plain JSON: the mock runtime hands over Pulumi's own objects for assets,
// archives and resource references, which the tests compare by what they point at.

/** `value` with assets and archives replaced by their paths and resources by their URNs. */
export function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'function') return undefined;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (object.__pulumiArchive || object.__pulumiAsset) {
    return { $asset: object.constructor?.name, path: pathOf(object) };
  }
  if (object.__pulumiResource) return { $resource: object.__name ?? String(object.urn) };
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    // A dynamic provider's serialized code: large, and no fact of the resource.
    if (key === '__provider') continue;
    const converted = toJson(item);
    if (converted !== undefined) result[key] = converted;
  }
  return result;
}

function pathOf(object: Record<string, unknown>): unknown {
  for (const key of ['path', 'text', 'uri']) {
    const item = object[key];
    if (typeof item === 'string') return item;
  }
  return undefined;
}
