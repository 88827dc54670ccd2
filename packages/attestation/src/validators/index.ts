// The browser-safe part of @symval/attestation: no `node:` imports here or below.
export { firstUnmirrorable, mirrorText } from './mirror.js';
export { firstUnrotatable, rotate180 } from './rotate.js';
export type { SymmetryCode, SymmetryName, SymmetryType } from './symmetry-types.js';
export { resolveSymmetryType, SYMMETRY_TYPES } from './symmetry-types.js';
export { decodePunycode, toUnicodeHostname } from './unicode.js';
export type { SymmetryFailureCode, ValidateSymmetryResult } from './validate-symmetry.js';
export { validateSymmetry } from './validate-symmetry.js';
