/** The demo zone's data, as every authoritative server below serves it. */
export interface DemoZoneData {
  /** The zone's name, without a trailing dot (`test`). */
  zone: string;
  /** TXT records: fully qualified name (no trailing dot) to its values. */
  txt: Readonly<Record<string, readonly string[]>>;
}

/** Which server answers for the demo zone. */
export type DemoAuthorityKind = 'knot' | 'dnsmasq' | 'builtin';

/** A running authoritative server for the demo zone, on 127.0.0.1 (UDP and TCP). */
export interface DemoAuthority {
  kind: DemoAuthorityKind;
  /** For people: `Knot DNS 3.2.6`, `dnsmasq 2.90`, `the built-in DNS server`. */
  name: string;
  port: number;
  /** `127.0.0.1:<port>`. */
  address: string;
  stop(): Promise<void>;
}
