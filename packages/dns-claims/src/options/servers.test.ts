import { getServers } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { DnsClaimsError } from '../errors.js';
import { parseDnsServer, parseDnsServers, systemDnsServers } from './servers.js';

function rejection(run: () => unknown): DnsClaimsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DnsClaimsError);
    return error as DnsClaimsError;
  }
  throw new Error('expected a DnsClaimsError');
}

describe('parseDnsServer', () => {
  it('reads IPv4 with and without a port, defaulting to 53', () => {
    expect(parseDnsServer('127.0.0.1:5353')).toEqual({
      host: '127.0.0.1',
      port: 5353,
      family: 4,
      label: '127.0.0.1:5353',
    });
    expect(parseDnsServer(' 10.0.0.1 ')).toMatchObject({
      host: '10.0.0.1',
      port: 53,
      label: '10.0.0.1:53',
    });
  });

  it('reads IPv6 bare or in brackets with a port', () => {
    expect(parseDnsServer('::1')).toEqual({ host: '::1', port: 53, family: 6, label: '[::1]:53' });
    expect(parseDnsServer('[2001:db8::53]:5300')).toMatchObject({
      host: '2001:db8::53',
      port: 5300,
      family: 6,
    });
    expect(parseDnsServer('[::1]')).toMatchObject({ port: 53 });
  });

  it('rejects hostnames, bad ports, unbracketed IPv6 ports and empty entries, naming the entry', () => {
    expect(rejection(() => parseDnsServer('dns.google')).message).toMatch(
      /"dns\.google" is not a DNS server address: "dns\.google" is not an IP address/,
    );
    expect(rejection(() => parseDnsServer('127.0.0.1:0')).message).toMatch(
      /port "0" is not a number from 1 to 65535/,
    );
    expect(rejection(() => parseDnsServer('127.0.0.1:99999')).message).toMatch(/port "99999"/);
    expect(rejection(() => parseDnsServer('127.0.0.1:')).message).toMatch(/port ""/);
    expect(rejection(() => parseDnsServer('[127.0.0.1]:53')).message).toMatch(
      /not an IPv6 address/,
    );
    expect(rejection(() => parseDnsServer('')).code).toBe('servers.invalid');
  });
});

describe('parseDnsServers', () => {
  it('gives undefined for an unset or blank variable, so the system resolver is used', () => {
    expect(parseDnsServers(undefined)).toBeUndefined();
    expect(parseDnsServers('  ')).toBeUndefined();
  });

  it('splits on commas and returns canonical host:port entries', () => {
    expect(parseDnsServers('127.0.0.1:5353, ::1,[::1]:54')).toEqual([
      '127.0.0.1:5353',
      '[::1]:53',
      '[::1]:54',
    ]);
  });

  it('rejects an empty entry and says where it is', () => {
    const error = rejection(() => parseDnsServers('127.0.0.1,,::1'));
    expect(error.code).toBe('servers.invalid');
    expect(error.message).toMatch(/empty entry at position 2/);
  });
});

describe('systemDnsServers', () => {
  it('lists the servers Node reads from the system configuration', () => {
    expect(systemDnsServers().map((server) => server.host)).toEqual(
      getServers().map((entry) => parseDnsServer(entry).host),
    );
  });
});
