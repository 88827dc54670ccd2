import { startBuiltinDns } from './builtin.js';
import { findDnsmasq, startDnsmasq } from './dnsmasq.js';
import { findKnot, startKnot } from './knot.js';
import type { DemoAuthority, DemoAuthorityKind, DemoZoneData } from './types.js';

/** The server that answers for the demo zone, and why the ones before it were not used. */
export interface ChosenAuthority {
  authority: DemoAuthority;
  /** E.g. `Knot DNS is not installed`; one entry per server skipped. */
  skipped: string[];
}

const STARTERS: Record<
  Exclude<DemoAuthorityKind, 'builtin'>,
  {
    label: string;
    find: () => string | undefined;
    start: (data: DemoZoneData) => Promise<DemoAuthority>;
  }
> = {
  knot: { label: 'Knot DNS', find: findKnot, start: startKnot },
  dnsmasq: { label: 'dnsmasq', find: findDnsmasq, start: startDnsmasq },
};

/**
 * Starts the demo zone's authoritative server: Knot DNS when installed, else dnsmasq, else
 * the built-in one. A real server that is installed but will not start is skipped (its error
 * is in `skipped`) rather than failing the start.
 */
export async function startDemoAuthority(
  data: DemoZoneData,
  order: readonly DemoAuthorityKind[] = ['knot', 'dnsmasq', 'builtin'],
): Promise<ChosenAuthority> {
  const skipped: string[] = [];
  for (const kind of order) {
    if (kind === 'builtin') return { authority: await startBuiltinDns(data), skipped };
    const { label, find, start } = STARTERS[kind];
    if (!find()) {
      skipped.push(`${label} is not installed`);
      continue;
    }
    try {
      return { authority: await start(data), skipped };
    } catch (error) {
      skipped.push(
        `${label} did not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  throw new Error(`no DNS server could serve the demo zone: ${skipped.join('; ')}`);
}
