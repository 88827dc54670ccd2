// `@symval/settings/sst`: the SST links of this process, apart from the declaration so that
// infra and tests can read the declaration without loading sst's runtime.
import { Resource } from 'sst/resource';
import type { LinkedLookup } from '../read/read.js';

/**
 * The SST links of this process: environment `SST_RESOURCE_*`, or SST's encrypted bundle on
 * Lambda. A name that is not linked reads as `undefined` (SST itself would throw).
 *
 * @example
 * readSetting(DOMAIN_TABLE_NAME, { env: process.env, linked: sstLinked });
 */
export const sstLinked: LinkedLookup = (name, field) => {
  const resources = Resource as unknown as Record<string, unknown>;
  if (!(name in resources)) return undefined;
  const value = (resources[name] as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
};
