import { calculateGroupIdV1, normalizeHostname } from '@symval/groupid';
import {
  resolveSymmetryType,
  SYMMETRY_TYPES,
  type SymmetryType,
} from '../validators/symmetry-types.js';
import type { AttestReason } from './types.js';

declare const checked: unique symbol;

/**
 * Input that passed every check: the owner as given, the type resolved, hostnames normalised,
 * and the group ID they make. Only {@link checkAttestInput} makes one, so `attestChecked` can
 * rely on it without checking again.
 */
export interface CheckedInput {
  owner: string;
  type: SymmetryType;
  hostnames: string[];
  /** `calculateGroupIdV1(owner, type.code, hostnames)`: the ID every hostname must carry. */
  groupId: string;
  readonly [checked]: true;
}

export const MAX_OWNER_LENGTH = 512;
// `_suns.` plus the hostname must fit in a 253-character DNS name.
export const MAX_CLAIMED_HOSTNAME_LENGTH = 253 - '_suns.'.length;
// Past this many entries only the count is reported: the work stays bounded whatever is sent.
const MAX_DOMAINS_CHECKED = 16;

// Control characters (C0, DEL, C1) and lone surrogates, which UTF-8 cannot encode faithfully:
// two owners differing only there would hash alike.
const BAD_OWNER_CHARACTER = /[\p{Cc}\p{Cs}]/u;

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

function checkOwner(owner: unknown, reasons: AttestReason[]): void {
  if (typeof owner !== 'string') {
    reasons.push({
      code: 'owner-invalid',
      field: 'owner',
      message: `owner must be a string, received ${owner === null ? 'null' : typeof owner}`,
    });
    return;
  }
  const length = Array.from(owner).length;
  if (length === 0 || length > MAX_OWNER_LENGTH) {
    reasons.push({
      code: 'owner-invalid',
      field: 'owner',
      message: `owner must have 1 to ${MAX_OWNER_LENGTH} characters, received ${length}`,
    });
    return;
  }
  const bad = BAD_OWNER_CHARACTER.exec(owner);
  if (bad) {
    const codePoint = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    reasons.push({
      code: 'owner-invalid',
      field: 'owner',
      message: `owner must not contain control characters or lone surrogates; U+${codePoint} is at position ${bad.index}`,
    });
  }
}

function checkType(type: unknown, reasons: AttestReason[]): SymmetryType | undefined {
  const resolved = typeof type === 'string' ? resolveSymmetryType(type) : undefined;
  if (!resolved) {
    const known = SYMMETRY_TYPES.map((t) => `${t.code} (${t.name})`).join(', ');
    reasons.push({
      code: 'type-unknown',
      field: 'type',
      message: `unknown symmetry type ${show(type)}; use one of ${known}`,
    });
  }
  return resolved;
}

function checkDomains(
  domains: unknown,
  type: SymmetryType | undefined,
  reasons: AttestReason[],
): string[] {
  if (!Array.isArray(domains)) {
    reasons.push({
      code: 'input-invalid',
      field: 'domains',
      message: `domains must be an array of hostnames, received ${typeof domains}`,
    });
    return [];
  }
  if (type && domains.length !== type.hostnames) {
    reasons.push({
      code: 'domain-count',
      field: 'domains',
      message: `a ${type.name} group has ${type.hostnames === 1 ? '1 hostname' : '2 hostnames'}, received ${domains.length}`,
    });
  }
  if (domains.length > MAX_DOMAINS_CHECKED) return [];
  const hostnames: string[] = [];
  for (const [index, raw] of domains.entries()) {
    const field = `domains[${index}]`;
    const normalised = normalizeHostname(raw);
    if (!normalised.ok) {
      reasons.push({
        code: 'domain-invalid',
        domain: String(raw),
        field,
        message: normalised.message,
      });
      continue;
    }
    const hostname = normalised.hostname;
    if (hostname.length > MAX_CLAIMED_HOSTNAME_LENGTH) {
      reasons.push({
        code: 'domain-invalid',
        domain: hostname,
        field,
        message: `${show(hostname)} has ${hostname.length} characters; _suns.${hostname} would exceed the 253 a DNS name allows`,
      });
      continue;
    }
    if (hostnames.includes(hostname)) {
      reasons.push({
        code: 'domain-duplicate',
        domain: hostname,
        field,
        message: `${show(hostname)} is listed more than once (after normalisation); a group's hostnames are different`,
      });
      continue;
    }
    hostnames.push(hostname);
  }
  return hostnames;
}

/**
 * Checks attestation input before any lookup: the owner, the type, and the hostnames
 * (normalised, valid, unique, as many as the type needs), and computes the group ID. Returns
 * every problem at once, each naming its `field`. `attest` runs this check; an API that must
 * refuse bad input up front runs it itself and hands the checked input to `attestChecked`, so
 * the input is checked, and the ID computed, once.
 *
 * @example
 * const checked = checkAttestInput({ owner: 'https://me.example', type: 'b', domains: ['ZQ.suns.bz.'] });
 * if (checked.ok) checked.input.hostnames; // ['zq.suns.bz']
 */
export function checkAttestInput(
  input: unknown,
): { ok: true; input: CheckedInput } | { ok: false; reasons: AttestReason[] } {
  if (typeof input !== 'object' || input === null) {
    return {
      ok: false,
      reasons: [
        {
          code: 'input-invalid',
          message: `input must be an object { owner, type, domains }, received ${input === null ? 'null' : typeof input}`,
        },
      ],
    };
  }
  const { owner, type, domains } = input as Record<string, unknown>;
  const reasons: AttestReason[] = [];
  checkOwner(owner, reasons);
  const resolved = checkType(type, reasons);
  const hostnames = checkDomains(domains, resolved, reasons);
  if (reasons.length > 0 || !resolved) return { ok: false, reasons };
  const groupId = calculateGroupIdV1(owner as string, resolved.code, hostnames);
  const valid = { owner: owner as string, type: resolved, hostnames, groupId };
  return { ok: true, input: valid as CheckedInput };
}
