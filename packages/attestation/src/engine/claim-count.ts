import type { AttestResult } from './types.js';

/**
 * How many hostnames carry the expected group ID among their claims: what the existing club's
 * API answers as `groupIdCount`, which its clients read (the engine's own `groupIdCount`
 * counts distinct IDs seen instead). 0 when the input was refused or no lookup was made.
 *
 * @example
 * const result = await attest({ owner, type: 'mirrornames', domains: ['me.example.com', 'com.example.me'] }, { resolver });
 * countHostnamesWithExpectedId(result); // 2 when both carry the ID, 1 when one does
 */
export function countHostnamesWithExpectedId(
  result: Pick<AttestResult, 'expectedId' | 'claims'>,
): number {
  const { expectedId } = result;
  if (expectedId === null) return 0;
  return result.claims.filter((claim) => claim.groupIds.includes(expectedId)).length;
}
