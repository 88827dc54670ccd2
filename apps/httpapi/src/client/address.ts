import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The address in a `CloudFront-Viewer-Address` value: `IPv4:port`, or an IPv6 address with the
 * port after its last colon (CloudFront writes it without brackets; a bracketed form is read
 * too). `undefined` for anything else.
 *
 * @example
 * parseViewerAddress('198.51.100.10:46532'); // '198.51.100.10'
 * parseViewerAddress('2001:db8::1:46532'); // '2001:db8::1'
 */
export function parseViewerAddress(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text);
  const cut = text.lastIndexOf(':');
  const [address, port] = bracketed
    ? [bracketed[1]!, bracketed[2]!]
    : [text.slice(0, cut), text.slice(cut + 1)];
  if (cut < 0 || !/^\d{1,5}$/.test(port) || Number(port) > 65_535) return undefined;
  // node:net's check, stricter than ipaddr.js's, which takes forms like `0x7f.1` too.
  return isIP(address) === 0 ? undefined : address;
}

/**
 * What the rate limit counts by, for an address: an IPv4 address as it is (an IPv4-mapped IPv6
 * address as its IPv4 address), an IPv6 address by its /64 network, since one subscriber
 * usually holds a whole /64 and could otherwise change address for every request. Anything
 * that is not an address is returned as it is.
 *
 * @example
 * rateLimitSubject('2001:db8:1:2:aaaa::1'); // '2001:db8:1:2::/64'
 * rateLimitSubject('::ffff:198.51.100.7'); // '198.51.100.7'
 */
export function rateLimitSubject(address: string): string {
  if (isIP(address) === 0) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...network, 0, 0, 0, 0]).toString()}/64`;
}
