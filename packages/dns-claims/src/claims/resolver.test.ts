import { describe, expect, it } from 'vitest';
import { DnsClaimsError } from '../errors.js';
import { createDnsClaimResolver, type DnsClaimResolverOptions } from './resolver.js';

function optionsError(options: unknown): DnsClaimsError {
  try {
    createDnsClaimResolver(options as DnsClaimResolverOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(DnsClaimsError);
    return error as DnsClaimsError;
  }
  throw new Error('expected a DnsClaimsError');
}

describe('createDnsClaimResolver options', () => {
  it('rejects unknown options and lists the known ones', () => {
    const error = optionsError({ timeout: 100 });
    expect(error.code).toBe('options.invalid');
    expect(error.message).toMatch(/unknown option "timeout"; known options are servers, timeoutMs/);
  });

  it('rejects out-of-range numbers, naming the value', () => {
    expect(optionsError({ timeoutMs: 0 }).message).toBe(
      'timeoutMs must be an integer from 1 to 60000, received 0',
    );
    expect(optionsError({ tries: 1.5 }).message).toMatch(
      /tries must be an integer from 1 to 10, received 1.5/,
    );
    expect(optionsError({ concurrency: '4' }).message).toMatch(/received "4"/);
    expect(optionsError({ ednsPayloadSize: 100 }).message).toMatch(/from 512 to 4096/);
  });

  it('rejects an empty server list and malformed server entries', () => {
    expect(optionsError({ servers: [] }).code).toBe('options.invalid');
    expect(optionsError({ servers: ['localhost:53'] }).code).toBe('servers.invalid');
  });

  it('reports the servers it uses, defaulting to the system resolver', () => {
    expect(createDnsClaimResolver({ servers: ['127.0.0.1:5300', '::1'] }).servers).toEqual([
      '127.0.0.1:5300',
      '[::1]:53',
    ]);
    expect(createDnsClaimResolver().servers.length).toBeGreaterThan(0);
  });
});

describe('lookup input', () => {
  // 127.0.0.1:9 (discard) is never queried: invalid input is answered before any I/O.
  const claims = createDnsClaimResolver({ servers: ['127.0.0.1:9'], timeoutMs: 1 });

  it('answers an invalid hostname with an invalid-hostname error, not a rejection', async () => {
    expect(await claims.lookup('a..example')).toEqual({
      status: 'error',
      domain: 'a..example',
      name: '_suns.a..example',
      code: 'invalid-hostname',
      message: '"a..example" has an empty label (two dots in a row, or a leading dot)',
    });
    expect(await claims.lookup('192.0.2.1')).toMatchObject({
      status: 'error',
      code: 'invalid-hostname',
    });
    expect(await claims.lookup(42 as unknown as string)).toMatchObject({
      code: 'invalid-hostname',
      domain: '42',
    });
  });

  it('rejects a hostname too long to prefix with _suns.', async () => {
    const long = `${Array.from({ length: 3 }, () => 'a'.repeat(63)).join('.')}.${'b'.repeat(60)}`;
    expect(long.length).toBe(252);
    const result = await claims.lookup(long);
    expect(result).toMatchObject({ status: 'error', code: 'invalid-hostname' });
    expect(result.status === 'error' && result.message).toMatch(/would exceed the 253/);
  });
});
