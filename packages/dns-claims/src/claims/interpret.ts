import { CLASS_IN, type DnsMessage, Rcode, RecordType } from '../wire/codec.js';
import type { DnsNoneReason } from './types.js';

/** What one TXT answer says about the claims at `name`. */
export type TxtAnswer =
  | { kind: 'found'; records: string[]; via?: string }
  | { kind: 'none'; reason: DnsNoneReason; detail: string }
  /** Only a CNAME to `target` came back: the server did not chase it. */
  | { kind: 'cname'; target: string };

const utf8 = new TextDecoder('utf-8');

/** Joins each record's chunks as bytes, decodes UTF-8, and drops exact duplicates. */
export function joinTxtRecords(records: readonly (readonly Uint8Array[])[]): string[] {
  const seen = new Set<string>();
  for (const chunks of records) {
    const size = chunks.reduce((total, chunk) => total + chunk.length, 0);
    const joined = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      joined.set(chunk, at);
      at += chunk.length;
    }
    seen.add(utf8.decode(joined));
  }
  return [...seen];
}

/** `a → b → c` for messages. */
export function showChain(chain: readonly string[]): string {
  return chain.join(' → ');
}

/**
 * Reads a NOERROR or NXDOMAIN answer to a TXT query for `name` (lowercase, no trailing dot),
 * following the CNAME rule: TXT owned by `name` is found; a single CNAME `name → T` with TXT
 * owned by `T` is found via `T`; a chain of two or more CNAMEs is not followed; a lone CNAME
 * asks the caller to query `T` itself. Records owned by names off the chain are ignored.
 */
export function interpretTxtAnswer(name: string, message: DnsMessage): TxtAnswer {
  const cnames = new Map<string, string>();
  const txt = new Map<string, Uint8Array[][]>();
  for (const record of message.answers) {
    if (record.class !== CLASS_IN) continue;
    if (record.type === RecordType.CNAME && record.target !== undefined) {
      if (!cnames.has(record.name)) cnames.set(record.name, record.target);
    } else if (record.type === RecordType.TXT && record.chunks) {
      const list = txt.get(record.name) ?? [];
      list.push(record.chunks);
      txt.set(record.name, list);
    }
  }
  const own = txt.get(name);
  if (own) return { kind: 'found', records: joinTxtRecords(own) };

  const chain = [name];
  const visited = new Set(chain);
  for (let at = name; cnames.has(at); ) {
    at = cnames.get(at)!;
    chain.push(at);
    if (visited.has(at)) break; // a loop: already two hops or more
    visited.add(at);
  }
  if (chain.length > 2) {
    return {
      kind: 'none',
      reason: 'cname-chain',
      detail: `${showChain(chain)} is a chain of ${chain.length - 1} CNAMEs; only one hop is followed`,
    };
  }
  const target = chain[1];
  if (target === undefined) {
    return message.rcode === Rcode.NXDOMAIN
      ? { kind: 'none', reason: 'nxdomain', detail: `${name} does not exist (NXDOMAIN)` }
      : { kind: 'none', reason: 'nodata', detail: `${name} has no TXT records (NODATA)` };
  }
  const atTarget = txt.get(target);
  if (atTarget) return { kind: 'found', records: joinTxtRecords(atTarget), via: target };
  if (message.rcode === Rcode.NXDOMAIN) {
    return {
      kind: 'none',
      reason: 'nxdomain',
      detail: `${showChain(chain)}: the CNAME target does not exist (NXDOMAIN)`,
    };
  }
  return { kind: 'cname', target };
}
