import { describe, expect, it } from 'vitest';
import { readHttpApiConfig } from './config.js';

const notLinked = () => undefined;
const SECRET = 'Zr8q2LwXk4vN7pT1sB9mC3yH6dF0gJ5a';

describe('readHttpApiConfig', () => {
  it('uses the defaults of docs/configuration.md', () => {
    expect(readHttpApiConfig({ DOMAIN_TABLE_NAME: 'records' }, notLinked)).toEqual({
      tableName: 'records',
      siteOrigins: ['*'],
      dnsServers: undefined,
      rateLimit: { count: 10, windowSeconds: 60 },
      rateLimitTableName: undefined,
      routerSecrets: [],
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
          RATE_LIMIT_TABLE_NAME: 'rate-limits',
          ROUTER_SECRET: `${SECRET},${SECRET}-next`,
          AWS_LAMBDA_FUNCTION_NAME: 'httpapi',
        },
        notLinked,
      ),
    ).toEqual({
      tableName: 'records',
      siteOrigins: ['https://suns.example', 'http://localhost:5173'],
      dnsServers: ['127.0.0.1:5353', '[::1]:53'],
      rateLimit: { count: 3, windowSeconds: 10 },
      rateLimitTableName: 'rate-limits',
      routerSecrets: [SECRET, `${SECRET}-next`],
    });
  });

  it('answers any origin on Lambda too unless a stage narrows it', () => {
    const env = {
      DOMAIN_TABLE_NAME: 't',
      RATE_LIMIT_TABLE_NAME: 'r',
      AWS_LAMBDA_FUNCTION_NAME: 'f',
    };
    expect(readHttpApiConfig(env, notLinked).siteOrigins).toEqual(['*']);
  });

  it('falls back to the linked RateLimitTable and RouterSecret', () => {
    const links: Record<string, string> = {
      'RateLimitTable.name': 'symval-RateLimits',
      'RouterSecret.value': SECRET,
    };
    const linked = (name: string, field: string) => links[`${name}.${field}`];
    const config = readHttpApiConfig(
      { DOMAIN_TABLE_NAME: 't', AWS_LAMBDA_FUNCTION_NAME: 'f' },
      linked,
    );
    expect(config.rateLimitTableName).toBe('symval-RateLimits');
    expect(config.routerSecrets).toEqual([SECRET]);
  });

  it('never shows a bad secret in its message', () => {
    let error: unknown;
    try {
      readHttpApiConfig({ DOMAIN_TABLE_NAME: 't', ROUTER_SECRET: 'hunter2' }, notLinked);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      code: 'config.invalid',
      message: expect.stringContaining('ROUTER_SECRET'),
    });
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('falls back to the linked DomainTable', () => {
    const linked = (name: string, field: string) =>
      name === 'DomainTable' && field === 'name' ? 'symval-production-DomainTable' : undefined;
    expect(readHttpApiConfig({}, linked).tableName).toBe('symval-production-DomainTable');
  });

  it.each([
    [{}, 'DOMAIN_TABLE_NAME'],
    [
      { DOMAIN_TABLE_NAME: 't', AWS_LAMBDA_FUNCTION_NAME: 'f' },
      'RATE_LIMIT_TABLE_NAME is required on Lambda',
    ],
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
