/**
 * The symmetry type codes stored in `Type`. The registry with names and validators lives in
 * `@symval/attestation`, which this package may not import (dependency rules); the codes are
 * repeated here as a literal union so the table and the snapshot reject anything else.
 */
export const SYMMETRY_CODES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;

/** One symmetry type code, `'a'` to `'h'`. */
export type SymmetryCode = (typeof SYMMETRY_CODES)[number];

const CODES: ReadonlySet<unknown> = new Set(SYMMETRY_CODES);

/** Whether a value is one of the symmetry type codes. */
export function isSymmetryCode(value: unknown): value is SymmetryCode {
  return CODES.has(value);
}
