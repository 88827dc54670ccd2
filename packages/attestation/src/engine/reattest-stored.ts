import { calculateGroupIdV1 } from '@symval/groupid';
import { resolveSymmetryType } from '../validators/symmetry-types.js';
import { attest, attestChecked, attestStoredInput, timeOf } from './attest.js';
import { decideReattestAction, type ReattestAction, type StoredGroup } from './decide.js';
import { type CheckedInput, checkAttestInput } from './input.js';
import type { AttestOptions, AttestResult } from './types.js';

/** Options of {@link reattestStoredGroup}. */
export interface ReattestStoredGroupOptions extends AttestOptions {
  /** How long an invalid group is kept, in milliseconds, from its oldest ValidateTime. */
  graceMs: number;
}

/**
 * How the ID a stored group is kept under relates to its stored fields.
 * - `normalised`: the owner, type and hostnames normalised as new input is give it (what
 *   symval itself stores).
 * - `stored-bytes`: only the hostnames exactly as stored give it: the existing club hashed
 *   hostnames as submitted (uppercase, a trailing dot).
 * - `unreproducible`: neither does.
 */
export interface StoredGroupIdCheck {
  origin: 'normalised' | 'stored-bytes' | 'unreproducible';
  /** The ID of the fields normalised; `null` when they are not valid input. */
  normalisedId: string | null;
  /** The ID of the fields exactly as stored; `null` when the type is unknown or a field empty. */
  storedBytesId: string | null;
}

/** A stored group re-attested: the attestation, what to do with its records, and when. */
export interface StoredGroupVerdict<G extends StoredGroup = StoredGroup> {
  /** The group as given, extra fields included. */
  group: G;
  /**
   * The attestation. For a group whose ID was made from its hostnames as stored, `expectedId`
   * is the stored ID and `records` name the hostnames as stored.
   */
  result: AttestResult;
  action: ReattestAction;
  /**
   * When it was judged: the validation time a `refresh` writes (the attestation's) and the
   * moment the grace period is measured to.
   */
  time: Date;
  /** Which bytes the stored group ID was made from. */
  storedId: StoredGroupIdCheck;
}

function storedBytesId(group: StoredGroup): string | null {
  const code = resolveSymmetryType(group.type)?.code;
  if (!code) return null;
  try {
    return calculateGroupIdV1(group.owner, code, group.hostnames);
  } catch {
    return null; // an empty owner or hostname
  }
}

function idCheck(group: StoredGroup, normalisedId: string | null): StoredGroupIdCheck {
  const bytes = storedBytesId(group);
  const origin =
    normalisedId === group.groupId
      ? 'normalised'
      : bytes === group.groupId
        ? 'stored-bytes'
        : 'unreproducible';
  return { origin, normalisedId, storedBytesId: bytes };
}

/**
 * Which bytes a stored group's ID was made from ({@link StoredGroupIdCheck}): its fields
 * normalised, exactly as stored, or neither. Offline; the rule re-attestation judges by.
 *
 * @example
 * checkStoredGroupId({ groupId: calculateGroupIdV1(owner, 'b', ['ZQ.suns.bz']), owner, type: 'b', hostnames: ['ZQ.suns.bz'], oldestValidateTime });
 * // { origin: 'stored-bytes', normalisedId: 'v1:b:…', storedBytesId: 'v1:b:…' }
 */
export function checkStoredGroupId(group: StoredGroup): StoredGroupIdCheck {
  const checked = checkAttestInput({
    owner: group.owner,
    type: group.type,
    domains: group.hostnames,
  });
  return idCheck(group, checked.ok ? checked.input.groupId : null);
}

/** The result with its records named by the hostnames as stored (same order as the input). */
function asStored(group: StoredGroup, result: AttestResult): AttestResult {
  if (!result.records) return result;
  return {
    ...result,
    records: result.records.map((record, index) => ({
      ...record,
      hostname: group.hostnames[index]!,
    })),
  };
}

/**
 * What to do with a stored group whose hostnames lack the symmetry, by its claims alone: kept
 * while every claim carries its ID, kept while a lookup failed (a DNS outage proves nothing),
 * judged as usual once a claim is missing or another owner's.
 */
function symmetryHold(result: AttestResult): ReattestAction | undefined {
  if (!result.reasons.some((reason) => reason.code === 'symmetry-failed')) return undefined;
  const others = result.reasons.filter((reason) => reason.code !== 'symmetry-failed');
  if (others.length === 0) return { kind: 'keep', status: 'invalid', held: 'symmetry' };
  if (others.every((reason) => reason.code === 'lookup-failed')) {
    return { kind: 'keep', status: 'indeterminate' };
  }
  return undefined;
}

/**
 * Re-attests one stored group and decides what to do with its records. This is the one place
 * that says how a stored group is judged, for the daily batch and the CLI alike: by the bytes
 * its ID was made from, so a group the existing club stored with uppercase or trailing-dot
 * hostnames stays valid while its claims carry its stored ID. Lookups go to the normalised
 * names (DNS is case-insensitive); the claim expected is the stored group ID.
 *
 * - ID made from the fields, normalised or as stored: attested with the stored ID expected,
 *   then {@link decideReattestAction} (refresh, delete past the grace period, keep).
 * - Fields that are not valid input today, or an ID made from neither: kept (`held`), never
 *   deleted here; an operator decides. The attestation of the fields as new input is reported.
 * - Hostnames without the symmetry by today's validator: their claims are looked up anyway;
 *   while every claim carries the ID the group is kept (`held: 'symmetry'`), not refreshed;
 *   a failed lookup keeps it too; a missing or foreign claim makes it invalid as usual.
 *
 * Options are not checked here; `reattestStoredGroups` checks them once for a whole batch.
 *
 * @example
 * const verdict = await reattestStoredGroup(group, { resolver, graceMs: 72 * 3_600_000 });
 * verdict.action; // { kind: 'refresh', status: 'valid' }
 */
export async function reattestStoredGroup<G extends StoredGroup>(
  group: G,
  options: ReattestStoredGroupOptions,
): Promise<StoredGroupVerdict<G>> {
  const attestOptions: AttestOptions = { resolver: options.resolver };
  if (options.now !== undefined) attestOptions.now = options.now;
  const input = { owner: group.owner, type: group.type, domains: group.hostnames };
  const checked = checkAttestInput(input);
  const storedId = idCheck(group, checked.ok ? checked.input.groupId : null);
  const verdict = (result: AttestResult, action?: ReattestAction) => {
    const time = result.records?.[0]?.validateTime ?? timeOf(options.now);
    return {
      group,
      result,
      action:
        action ?? decideReattestAction(group, result, { now: time, graceMs: options.graceMs }),
      time,
      storedId,
    };
  };

  if (!checked.ok) {
    return verdict(await attest(input, attestOptions), {
      kind: 'keep',
      status: 'invalid',
      held: 'input',
    });
  }
  if (storedId.origin === 'unreproducible') {
    const result = await attestChecked(checked.input, attestOptions);
    const status = result.status === 'indeterminate' ? 'indeterminate' : 'invalid';
    return verdict(
      result,
      status === 'indeterminate'
        ? { kind: 'keep', status }
        : { kind: 'keep', status, held: 'id-unreproducible' },
    );
  }
  // The stored ID is what the claims must carry, whichever bytes it was made from.
  const expected = { ...checked.input, groupId: group.groupId } as CheckedInput;
  const result = asStored(group, await attestStoredInput(expected, attestOptions));
  return verdict(result, symmetryHold(result));
}
