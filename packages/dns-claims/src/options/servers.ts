import { getServers } from 'node:dns';
import { isIP } from 'node:net';
import { DnsClaimsError } from '../errors.js';

/** A DNS server to send queries to. */
export interface DnsServerAddress {
  /** An IPv4 or IPv6 address (no brackets). */
  host: string;
  port: number;
  family: 4 | 6;
  /** `host:port`, IPv6 in brackets: how the server is named in messages. */
  label: string;
}

const DEFAULT_PORT = 53;

function bad(entry: string, why: string): DnsClaimsError {
  return new DnsClaimsError(
    'servers.invalid',
    `${JSON.stringify(entry)} is not a DNS server address: ${why}. Use an IP address with an optional port: 127.0.0.1, 127.0.0.1:5353, ::1 or [::1]:5353`,
  );
}

function parsePort(entry: string, text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw bad(entry, `the port ${JSON.stringify(text)} is not a number from 1 to 65535`);
  }
  return Number(text);
}

function address(host: string, port: number): DnsServerAddress {
  const family = isIP(host) === 6 ? 6 : 4;
  return { host, port, family, label: family === 6 ? `[${host}]:${port}` : `${host}:${port}` };
}

/**
 * Parses one server address: `host` or `host:port` for IPv4, `::1` or `[::1]:port` for IPv6.
 * The host must be an IP address: a resolver cannot depend on DNS to find its DNS server.
 *
 * @throws DnsClaimsError `servers.invalid`, naming the entry and the accepted forms.
 */
export function parseDnsServer(entry: string): DnsServerAddress {
  const text = entry.trim();
  if (text.length === 0) throw bad(entry, 'it is empty');
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    const host = bracketed[1]!;
    if (isIP(host) !== 6) throw bad(entry, `${JSON.stringify(host)} is not an IPv6 address`);
    return address(
      host,
      bracketed[2] === undefined ? DEFAULT_PORT : parsePort(entry, bracketed[2]),
    );
  }
  if (isIP(text) === 6) return address(text, DEFAULT_PORT);
  const colon = text.lastIndexOf(':');
  const host = colon < 0 ? text : text.slice(0, colon);
  if (host.includes(':')) throw bad(entry, 'an IPv6 address with a port goes in brackets');
  if (isIP(host) !== 4) throw bad(entry, `${JSON.stringify(host)} is not an IP address`);
  return address(host, colon < 0 ? DEFAULT_PORT : parsePort(entry, text.slice(colon + 1)));
}

/**
 * Parses the `DNS_SERVERS` environment variable: comma-separated addresses such as
 * `127.0.0.1:5353,[::1]:53`. An unset or blank value gives `undefined` (use the system
 * resolver); every entry is checked.
 *
 * @throws DnsClaimsError `servers.invalid` for an empty or malformed entry.
 * @example
 * createDnsClaimResolver({ servers: parseDnsServers(process.env.DNS_SERVERS) });
 */
export function parseDnsServers(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((entry, index) => {
    if (entry.trim() === '') {
      throw new DnsClaimsError(
        'servers.invalid',
        `DNS server list ${JSON.stringify(value)} has an empty entry at position ${index + 1}; separate addresses with single commas`,
      );
    }
    return parseDnsServer(entry).label;
  });
}

/** The servers of the system resolver configuration (`/etc/resolv.conf` on Linux). */
export function systemDnsServers(): DnsServerAddress[] {
  return getServers().map(parseDnsServer);
}
