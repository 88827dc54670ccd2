// What the join form and the calculator show for the current input: pure, so the browser
// code only reads fields and renders the result.
import { resolveSymmetryType, type SymmetryType } from '@symval/attestation/validators';
import { calculateGroupIdV1, normalizeHostname } from '@symval/groupid';

/** A problem with one field of the form, in words for the person filling it in. */
export interface FieldProblem {
  field: 'owner' | 'type' | 'domains';
  message: string;
}

/** One TXT record to create. */
export interface TxtRecord {
  hostname: string;
  /** `_suns.<hostname>` */
  name: string;
  /** The group ID, the record's whole value. */
  value: string;
}

/** Everything derived from the form's three fields. */
export interface JoinComputation {
  owner: string;
  type: SymmetryType | undefined;
  /** Normalised hostnames, in the order given, without duplicates. */
  hostnames: string[];
  /** `null` until owner, type and at least one valid hostname are there. */
  groupId: string | null;
  txtRecords: TxtRecord[];
  problems: FieldProblem[];
  /** Advice that does not stop the group ID from being computed. */
  notes: string[];
}

/** The raw values of the form. */
export interface JoinInput {
  owner: string;
  type: string;
  domains: string;
}

/** Splits the domains field on whitespace and commas. */
export function splitDomains(text: string): string[] {
  return text.split(/[\s,]+/u).filter((part) => part.length > 0);
}

/**
 * Computes the group ID and TXT records for the form's input, with problems in plain words.
 * Hostnames are normalised the way the API does (lowercase, no trailing dot, IDNA), so the ID
 * matches the one the API expects. The owner is used exactly as typed: it is hashed as is.
 *
 * @example
 * computeJoin({ owner: 'https://example.blog', type: 'a', domains: 'etutitsni.elpmaxe.example.institute' }).groupId;
 * // 'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs='
 */
export function computeJoin(input: JoinInput): JoinComputation {
  const problems: FieldProblem[] = [];
  const notes: string[] = [];
  const owner = input.owner;
  if (owner.length === 0)
    problems.push({
      field: 'owner',
      message: 'Enter an owner, such as the URL of your home page.',
    });
  else if (owner !== owner.trim()) {
    notes.push(
      'Your owner starts or ends with a space. It is part of the group ID, so keep it exactly the same everywhere.',
    );
  }

  const type = input.type === '' ? undefined : resolveSymmetryType(input.type);
  if (!type) problems.push({ field: 'type', message: 'Choose a symmetry type.' });

  const hostnames: string[] = [];
  const parts = splitDomains(input.domains);
  if (parts.length === 0)
    problems.push({ field: 'domains', message: 'Enter your hostname(s), one per line.' });
  for (const part of parts) {
    const result = normalizeHostname(part);
    if (!result.ok) {
      problems.push({ field: 'domains', message: result.message });
    } else if (hostnames.includes(result.hostname)) {
      problems.push({ field: 'domains', message: `“${result.hostname}” is listed twice.` });
    } else {
      hostnames.push(result.hostname);
    }
  }
  const ready =
    type !== undefined &&
    owner.length > 0 &&
    hostnames.length > 0 &&
    !problems.some((p) => p.field === 'domains');
  const groupId = ready ? calculateGroupIdV1(owner, type.code, hostnames) : null;
  const txtRecords = groupId
    ? hostnames.map((hostname) => ({ hostname, name: `_suns.${hostname}`, value: groupId }))
    : [];
  return { owner, type, hostnames, groupId, txtRecords, problems, notes };
}
