// Resource inputs as plain JSON: the mock runtime hands over Pulumi's own objects for assets,
// archives and resource references, which the tests compare by what they point at.

// How Pulumi's serialization marks a secret: `{ [SECRET_SIG]: SECRET_VALUE_SIG, value }`.
const SECRET_SIG = '4dabf18193072939515e22adb298388d';
const SECRET_VALUE_SIG = '1b47061264138c4ac30d75fd1eb44270';

const isSecret = (object: Record<string, unknown>) => object[SECRET_SIG] === SECRET_VALUE_SIG;

/**
 * `value` with assets and archives replaced by their paths, resources by their URNs, and
 * secrets by the values they hold ({@link secretPaths} says where they were).
 */
export function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'function') return undefined;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (isSecret(object)) return toJson(object.value);
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

/** The paths (`origins.2.customHeaders.0.value`) of the secrets in `value`, outermost only. */
export function secretPaths(value: unknown, at: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  if (isSecret(object)) return [at.join('.')];
  return Object.entries(object).flatMap(([key, item]) => secretPaths(item, [...at, key]));
}
