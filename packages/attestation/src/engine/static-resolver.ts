import { normalizeHostname } from '@symval/groupid';
import { AttestationError } from '../errors.js';
import type { ClaimLookup, ClaimResolver } from './types.js';

/** What one hostname answers in a {@link createStaticClaimResolver}. */
export type StaticClaimEntry = readonly string[] | { error: string; message?: string };

/** An in-memory resolver that also remembers what it was asked. */
export interface StaticClaimResolver extends ClaimResolver {
  /** Every hostname looked up, normalised, in call order. */
  readonly lookups: readonly string[];
}

/**
 * A resolver answering from memory, for tests and for services that keep claims elsewhere.
 * Keys are hostnames (normalised like every input); a hostname not listed has no claim
 * (`none`, as NXDOMAIN), an empty list is `none` (as NODATA), `{ error: code }` fails with that
 * code. Exact duplicate records are dropped, as DNS lookups drop them.
 *
 * @throws AttestationError `records.invalid` when a key is not a hostname or an entry is malformed.
 * @example
 * const resolver = createStaticClaimResolver({
 *   'me.example.com': ['v1:e:…'],
 *   'com.example.me': { error: 'timeout' },
 * });
 */
export function createStaticClaimResolver(
  records: Record<string, StaticClaimEntry>,
): StaticClaimResolver {
  if (typeof records !== 'object' || records === null) {
    throw new AttestationError(
      'records.invalid',
      `records must be an object keyed by hostname, received ${String(records)}`,
    );
  }
  const table = new Map<string, StaticClaimEntry>();
  for (const [key, entry] of Object.entries(records)) {
    const normalised = normalizeHostname(key);
    if (!normalised.ok) {
      throw new AttestationError(
        'records.invalid',
        `records key ${JSON.stringify(key)} is not a hostname: ${normalised.message}`,
      );
    }
    const valid = Array.isArray(entry)
      ? entry.every((record) => typeof record === 'string')
      : typeof (entry as { error?: unknown })?.error === 'string';
    if (!valid) {
      throw new AttestationError(
        'records.invalid',
        `records[${JSON.stringify(key)}] must be an array of strings or { error: code }, received ${JSON.stringify(entry)}`,
      );
    }
    table.set(normalised.hostname, entry);
  }
  const lookups: string[] = [];
  return {
    lookups,
    async lookup(domain: string): Promise<ClaimLookup> {
      const normalised = normalizeHostname(domain);
      if (!normalised.ok) {
        return {
          status: 'error',
          name: `_suns.${String(domain)}`,
          code: 'invalid-hostname',
          message: normalised.message,
        };
      }
      const hostname = normalised.hostname;
      const name = `_suns.${hostname}`;
      lookups.push(hostname);
      const entry = table.get(hostname);
      if (entry === undefined)
        return { status: 'none', name, detail: `${name} does not exist (NXDOMAIN)` };
      if (!Array.isArray(entry)) {
        const failure = entry as { error: string; message?: string };
        return {
          status: 'error',
          name,
          code: failure.error,
          message: failure.message ?? `lookup of ${name} failed: ${failure.error}`,
        };
      }
      if (entry.length === 0)
        return { status: 'none', name, detail: `${name} has no TXT records (NODATA)` };
      return { status: 'found', name, records: [...new Set(entry as readonly string[])] };
    },
  };
}
