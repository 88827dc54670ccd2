import { describe, expect, it } from 'vitest';
import { readHttpApiConfig } from './config.js';

const notLinked = () => undefined;

describe('readHttpApiConfig', () => {
  it('uses the defaults of docs/configuration.md', () => {
    expect(readHttpApiConfig({ DOMAIN_TABLE_NAME: 'records' }, notLinked)).toEqual({
      tableName: 'records',
      siteOrigins: ['*'],
      dnsServers: undefined,
      rateLimit: { count: 10, windowSeconds: 60 },
    });
  });

  it('reads every variable', () => {
    expect(
      readHttpApiConfig(
        {
          DOMAIN_TABLE_NAME: 'records',
          SITE_ORIGIN: 'https://suns.example, http://localhost:5173',
          DNS_SERVERS: '127.0.0.1:5353,[::1]:53',
          ATTEST_RATE_LIMIT: '3/10',
          AWS_LAMBDA_FUNCTION_NAME: 'httpapi',
        },
        notLinked,
      ),
    ).toEqual({
      tableName: 'records',
      siteOrigins: ['https://suns.example', 'http://localhost:5173'],
      dnsServers: ['127.0.0.1:5353', '[::1]:53'],
      rateLimit: { count: 3, windowSeconds: 10 },
    });
  });

  it('falls back to the linked DomainTable', () => {
    const linked = (name: string, field: string) =>
      name === 'DomainTable' && field === 'name' ? 'symval-production-DomainTable' : undefined;
    expect(readHttpApiConfig({}, linked).tableName).toBe('symval-production-DomainTable');
  });

  it.each([
    [{}, 'DOMAIN_TABLE_NAME'],
    [{ DOMAIN_TABLE_NAME: 't', AWS_LAMBDA_FUNCTION_NAME: 'f' }, 'SITE_ORIGIN is required'],
    [{ DOMAIN_TABLE_NAME: 't', SITE_ORIGIN: 'https://suns.example/' }, '"https://suns.example/"'],
    [{ DOMAIN_TABLE_NAME: 't', SITE_ORIGIN: 'suns.example' }, '"suns.example"'],
    [{ DOMAIN_TABLE_NAME: 't', DNS_SERVERS: 'dns.example' }, 'DNS_SERVERS'],
    [{ DOMAIN_TABLE_NAME: 't', ATTEST_RATE_LIMIT: '10 per minute' }, 'ATTEST_RATE_LIMIT'],
  ])('refuses %j, saying %s', (env, words) => {
    expect(() => readHttpApiConfig(env, notLinked)).toThrow(
      expect.objectContaining({ code: 'config.invalid', message: expect.stringContaining(words) }),
    );
  });
});
