import { Resource } from 'sst/resource';

/** Reads a field of a resource linked by SST (`Resource.<name>.<field>`); `undefined` when not linked. */
export type LinkedLookup = (name: string, field: string) => string | undefined;

/** The SST links of this process: environment `SST_RESOURCE_*`, or SST's encrypted bundle on Lambda. */
export const sstLinked: LinkedLookup = (name, field) => {
  const resources = Resource as unknown as Record<string, unknown>;
  if (!(name in resources)) return undefined;
  const value = (resources[name] as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
};
