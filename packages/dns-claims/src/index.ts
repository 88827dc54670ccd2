export type { DnsClaimResolver, DnsClaimResolverOptions } from './claims/resolver.js';
export { createDnsClaimResolver } from './claims/resolver.js';
export type {
  DnsClaimError,
  DnsClaimFound,
  DnsClaimLookup,
  DnsClaimNone,
  DnsLookupErrorCode,
  DnsNoneReason,
} from './claims/types.js';
export type { DnsClaimsErrorCode } from './errors.js';
export { DnsClaimsError } from './errors.js';
export type { DnsServerAddress } from './options/servers.js';
export { parseDnsServer, parseDnsServers } from './options/servers.js';
