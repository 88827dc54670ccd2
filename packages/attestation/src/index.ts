export { attest, attestChecked } from './engine/attest.js';
export { countHostnamesWithExpectedId } from './engine/claim-count.js';
export type {
  DecideReattestOptions,
  ReattestAction,
  StoredGroup,
} from './engine/decide.js';
export { decideReattestAction } from './engine/decide.js';
export type { CheckedInput } from './engine/input.js';
export { checkAttestInput, MAX_OWNER_LENGTH } from './engine/input.js';
export type {
  ReattestOptions,
  ReattestOutcome,
  ReattestProgress,
  ReattestStoredOptions,
  StoredGroupProgress,
} from './engine/reattest.js';
export { reattestGroups, reattestStoredGroups } from './engine/reattest.js';
export type {
  ReattestStoredGroupOptions,
  StoredGroupVerdict,
} from './engine/reattest-stored.js';
export { reattestStoredGroup } from './engine/reattest-stored.js';
export type { StaticClaimEntry, StaticClaimResolver } from './engine/static-resolver.js';
export { createStaticClaimResolver } from './engine/static-resolver.js';
export type {
  AttestedRecord,
  AttestInput,
  AttestOptions,
  AttestReason,
  AttestReasonCode,
  AttestResult,
  CheckedAttestResult,
  ClaimLookup,
  ClaimResolver,
  DomainClaims,
  IgnoredRecord,
} from './engine/types.js';
export type { AttestationErrorCode } from './errors.js';
export { AttestationError } from './errors.js';
export type {
  SymmetryCode,
  SymmetryFailureCode,
  SymmetryName,
  SymmetryType,
  ValidateSymmetryResult,
} from './validators/index.js';
export {
  decodePunycode,
  firstUnmirrorable,
  firstUnrotatable,
  mirrorText,
  resolveSymmetryType,
  rotate180,
  SYMMETRY_TYPES,
  toUnicodeHostname,
  validateSymmetry,
} from './validators/index.js';
