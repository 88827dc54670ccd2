export type { ClaimRecord } from './claims.js';
export {
  CLAIM_PREFIX,
  CLAIM_TTL_SECONDS,
  clubClaimRecords,
  createClubClaims,
  logicalNameOf,
} from './claims.js';
export { corsOrigins, siteNames, siteOrigins, siteRedirects } from './names.js';
export { lookUpZone, routerDomain } from './zone.js';
