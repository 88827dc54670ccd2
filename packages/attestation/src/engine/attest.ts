import { GroupIdError, hashOwner, type ParsedGroupId, safeParseGroupId } from '@symval/groupid';
import { AttestationError } from '../errors.js';
import { resolveSymmetryType } from '../validators/symmetry-types.js';
import { validateSymmetry } from '../validators/validate-symmetry.js';
import { type CheckedInput, checkAttestInput } from './input.js';
import type {
  AttestInput,
  AttestOptions,
  AttestReason,
  AttestResult,
  CheckedAttestResult,
  ClaimLookup,
  ClaimResolver,
  DomainClaims,
  IgnoredRecord,
} from './types.js';

const OPTION_KEYS = new Set(['resolver', 'now']);

/** Checks `attest` options; shared with `reattestGroups`. */
export function checkResolverOptions(options: unknown, extra: readonly string[] = []): void {
  if (typeof options !== 'object' || options === null) {
    throw new AttestationError(
      'options.invalid',
      `options must be an object with a resolver, received ${String(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key) && !extra.includes(key)) {
      throw new AttestationError(
        'options.invalid',
        `unknown option ${JSON.stringify(key)}; known options are ${[...OPTION_KEYS, ...extra].join(', ')}`,
      );
    }
  }
  const { resolver, now } = options as Record<string, unknown>;
  if (typeof (resolver as ClaimResolver | undefined)?.lookup !== 'function') {
    throw new AttestationError(
      'options.invalid',
      'options.resolver must have a lookup(domain) method',
    );
  }
  if (now !== undefined && !(now instanceof Date) && typeof now !== 'function') {
    throw new AttestationError(
      'options.invalid',
      `options.now must be a Date or a function returning one, received ${typeof now}`,
    );
  }
}

// A resolver should not reject, but one that does must not sink a whole batch: the claims of
// that hostname are then simply unknown.
async function safeLookup(resolver: ClaimResolver, hostname: string): Promise<ClaimLookup> {
  try {
    const lookup = await resolver.lookup(hostname);
    if (
      lookup &&
      (lookup.status === 'found' || lookup.status === 'none' || lookup.status === 'error')
    ) {
      return lookup;
    }
    return {
      status: 'error',
      name: `_suns.${hostname}`,
      code: 'bad-lookup',
      message: `the resolver returned ${JSON.stringify(lookup)}`,
    };
  } catch (error) {
    return {
      status: 'error',
      name: `_suns.${hostname}`,
      code: 'exception',
      message: `the resolver threw: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The time `now` stands for: a copy of a Date, the function's answer, or the clock. */
export function timeOf(now: AttestOptions['now']): Date {
  if (now === undefined) return new Date();
  return now instanceof Date ? new Date(now.getTime()) : now();
}

// Explains a missing claim from the claims of the same owner that are there, which is where
// a wrong type or a wrong hostname set shows up (group validation: all hostnames present, none
// spurious).
function missingClaimHint(own: readonly ParsedGroupId[], expected: ParsedGroupId): string {
  const sameHostnames = own.find((id) => id.domainsHash === expected.domainsHash);
  if (sameHostnames) {
    return `; it carries this owner's claim for the same hostnames with type "${sameHostnames.typeCode}", not "${expected.typeCode}"`;
  }
  const sameType = own.find((id) => id.typeCode === expected.typeCode);
  if (sameType) {
    return "; it carries this owner's claim of the same type for a different set of hostnames (every hostname of the group, and no other, goes into the ID)";
  }
  return '';
}

interface Review {
  claims: DomainClaims;
  reasons: AttestReason[];
  ignored: IgnoredRecord[];
  /** A reason that fails the group whatever the other lookups say. */
  certain: boolean;
}

function reviewDomain(
  domain: string,
  lookup: ClaimLookup,
  ownerHash: string,
  expected: ParsedGroupId,
): Review {
  const review: Review = {
    claims: { domain, lookup, groupIds: [] },
    reasons: [],
    ignored: [],
    certain: false,
  };
  if (lookup.status === 'error') {
    review.reasons.push({
      code: 'lookup-failed',
      domain,
      message: `the claims of ${domain} are unknown: ${lookup.code}: ${lookup.message}`,
    });
    return review;
  }
  if (lookup.status === 'none') {
    review.certain = true;
    review.reasons.push({
      code: 'missing-claim',
      domain,
      message: `${domain} has no claim: ${lookup.detail}`,
    });
    return review;
  }
  const parsed: ParsedGroupId[] = [];
  for (const record of lookup.records) {
    const id = safeParseGroupId(record);
    if (id instanceof GroupIdError) review.ignored.push({ domain, record });
    else parsed.push(id);
  }
  review.claims.groupIds = parsed.map((id) => id.raw);
  const foreign = parsed.filter((id) => id.ownerHash !== ownerHash);
  if (foreign.length > 0) {
    review.certain = true;
    review.reasons.push({
      code: 'owner-conflict',
      domain,
      message: `${domain} carries ${foreign.length === 1 ? 'a claim' : `${foreign.length} claims`} of another owner (${foreign[0]!.raw}); a hostname may be in several groups but belongs to one owner`,
    });
  }
  if (!parsed.some((id) => id.raw === expected.raw)) {
    review.certain = true;
    const where = lookup.via ? `_suns.${domain} (via ${lookup.via})` : `_suns.${domain}`;
    const own = parsed.filter((id) => id.ownerHash === ownerHash);
    review.reasons.push({
      code: 'missing-claim',
      domain,
      message: `${where} does not carry the expected group ID ${expected.raw}${missingClaimHint(own, expected)}`,
    });
  }
  return review;
}

async function runAttestation(
  input: CheckedInput,
  options: AttestOptions,
  lookUpDespiteSymmetry = false,
): Promise<CheckedAttestResult> {
  const { owner, type, hostnames, groupId: expectedId } = input;
  const expected = safeParseGroupId(expectedId) as ParsedGroupId;
  const ownerHash = hashOwner(owner);
  const reasons: AttestReason[] = [];
  let certain = false;

  // A group without its symmetry is invalid whatever DNS says, so it costs no query: the API
  // must not let anyone make it look up arbitrary names.
  const symmetry = validateSymmetry(type.code, hostnames);
  if (!symmetry.ok) {
    reasons.push({ code: 'symmetry-failed', message: symmetry.message });
    certain = true;
  }
  if (!symmetry.ok && !lookUpDespiteSymmetry) {
    return {
      status: 'invalid',
      expectedId,
      type,
      hostnames,
      claims: [],
      ignoredRecords: [],
      groupIdCount: 0,
      reasons,
    };
  }

  const lookups = await Promise.all(
    hostnames.map((hostname) => safeLookup(options.resolver, hostname)),
  );
  const claims: DomainClaims[] = [];
  const ignoredRecords: IgnoredRecord[] = [];
  const seen = new Set<string>();
  hostnames.forEach((domain, index) => {
    const review = reviewDomain(domain, lookups[index]!, ownerHash, expected);
    claims.push(review.claims);
    reasons.push(...review.reasons);
    ignoredRecords.push(...review.ignored);
    for (const id of review.claims.groupIds) seen.add(id);
    certain ||= review.certain;
  });

  const base = { expectedId, type, hostnames, claims, ignoredRecords, groupIdCount: seen.size };
  if (certain) return { status: 'invalid', ...base, reasons };
  if (reasons.length > 0) return { status: 'indeterminate', ...base, reasons };
  const validateTime = timeOf(options.now);
  return {
    status: 'valid',
    ...base,
    reasons,
    records: hostnames.map((hostname) => ({
      owner,
      type: type.code,
      hostname,
      groupId: expectedId,
      validateTime: new Date(validateTime.getTime()),
    })),
  };
}

/**
 * Attests a group: checks the input and the symmetry, looks up every hostname's claims
 * through the resolver (all at once; the resolver bounds concurrency), then checks consistency (every group ID on a
 * hostname has this owner), that every hostname carries the expected group ID, and the
 * group. Invalid input or a group without its symmetry gives `invalid` without any lookup; a lookup error gives
 * `indeterminate` unless another check fails for certain.
 *
 * @throws AttestationError `options.invalid` for unknown options or a missing resolver.
 * @example
 * const resolver = createStaticClaimResolver({ 'zq.suns.bz': [calculateGroupIdV1('https://me.example', 'b', ['zq.suns.bz'])] });
 * const result = await attest({ owner: 'https://me.example', type: 'flip180', domains: ['ZQ.suns.bz.'] }, { resolver });
 * result.status; // 'valid'
 */
export async function attest(input: AttestInput, options: AttestOptions): Promise<AttestResult> {
  checkResolverOptions(options);
  const checked = checkAttestInput(input);
  if (!checked.ok) {
    const rawType = (input as { type?: unknown } | null)?.type;
    const type = typeof rawType === 'string' ? (resolveSymmetryType(rawType) ?? null) : null;
    return {
      status: 'invalid',
      expectedId: null,
      type,
      hostnames: [],
      claims: [],
      reasons: checked.reasons,
      ignoredRecords: [],
      groupIdCount: 0,
    };
  }
  return runAttestation(checked.input, options);
}

/**
 * Attests a stored group's checked input (engine-internal, for re-attestation): as
 * {@link attestChecked}, but its claims are looked up even when the hostnames lack the
 * symmetry. Stored hostnames were admitted once, so looking them up lets no one make the
 * engine query names of their choosing, and the claims tell whether the member is still there.
 */
export async function attestStoredInput(
  input: CheckedInput,
  options: AttestOptions,
): Promise<CheckedAttestResult> {
  return runAttestation(input, options, true);
}

/**
 * Attests input already checked by {@link checkAttestInput}: the same steps as `attest` from the
 * symmetry on, without checking the input or computing the group ID again. For an API that
 * refuses bad input before anything else and should have one answer for it.
 *
 * @throws AttestationError `options.invalid` for unknown options or a missing resolver.
 * @example
 * const checked = checkAttestInput(body);
 * if (!checked.ok) return badRequest(checked.reasons);
 * const result = await attestChecked(checked.input, { resolver });
 * result.expectedId === checked.input.groupId; // true
 */
export async function attestChecked(
  input: CheckedInput,
  options: AttestOptions,
): Promise<CheckedAttestResult> {
  checkResolverOptions(options);
  return runAttestation(input, options);
}
