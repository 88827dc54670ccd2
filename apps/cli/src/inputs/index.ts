export type { DnsOptionValues } from './dns.js';
export { createResolverFromOptions, DNS_OPTIONS } from './dns.js';
export type { GroupArgs, ReadGroupArgsOptions } from './group-args.js';
export { GROUP_OPTIONS, readGroupArgs } from './group-args.js';
export { normalizeDomains } from './hostnames.js';
export type { OwnerInput } from './owner.js';
export { readOwner } from './owner.js';
export { describeType, resolveTypeOption, symmetryTypesHelp } from './symmetry-type.js';
