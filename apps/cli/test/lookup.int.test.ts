import { type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSymval } from './run-cli.js';

const ID_A =
  'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=';

let dns: LocalDnsServer;

beforeAll(async () => {
  dns = await startDnsServer({
    '_suns.etutitsni.elpmaxe.example.institute': {
      txt: [ID_A, 'google-site-verification=abc'],
    },
    '_suns.target.example': { txt: [ID_A] },
    '_suns.hop.example': { cname: '_suns.target.example' },
    '_suns.other.example': { txt: ['just some text'] },
    'nodata.example': { a: ['192.0.2.1'] },
    '_suns.nodata.example': { a: ['192.0.2.1'] },
    '_suns.broken.example': { behaviour: 'servfail' },
    '_suns.silent.example': { behaviour: 'silent' },
  });
});
afterAll(async () => {
  await dns?.stop();
});
beforeEach(() => dns.clearQueries());

// Names that answer get time to answer on a busy machine; the silent-server test waits short.
const lookup = (...args: string[]) =>
  runSymval(['lookup', '--dns-server', dns.address, '--timeout', '5000', ...args]);

describe('symval lookup against a DNS server', () => {
  it('exits 0 and shows the records, parsed as group IDs where they are', async () => {
    const result = await lookup('EtutitsnI.elpmaxe.example.institute.');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'etutitsni.elpmaxe.example.institute  found: 2 TXT records at _suns.etutitsni.elpmaxe.example.institute',
        `  ${ID_A}  group ID, type a`,
        '  google-site-verification=abc  not a group ID, ignored',
        '',
        `1 hostname: 1 claimed, 0 without a claim, 0 unknown (asked ${dns.address}).`,
        '',
      ].join('\n'),
    );
  });

  it('prints one JSON document with every lookup, its status and parsed records', async () => {
    const result = await lookup('--json', 'hop.example', 'missing.example', 'broken.example');
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.servers).toEqual([dns.address]);
    expect(output.lookups).toEqual([
      {
        status: 'found',
        domain: 'hop.example',
        name: '_suns.hop.example',
        records: [ID_A],
        via: '_suns.target.example',
        parsedRecords: [
          {
            value: ID_A,
            groupId: {
              version: 'v1',
              typeCode: 'a',
              ownerHash: 'DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=',
              domainsHash: '+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=',
            },
          },
        ],
      },
      expect.objectContaining({ status: 'none', domain: 'missing.example', reason: 'nxdomain' }),
      expect.objectContaining({ status: 'error', domain: 'broken.example', code: 'servfail' }),
    ]);
  });

  it('exits 1 when a hostname has no claim, saying why', async () => {
    const result = await lookup('nodata.example');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^nodata\.example {2}no claim \(nodata\): /);
  });

  it('exits 1 when the only records are not group IDs', async () => {
    const result = await lookup('other.example');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'other.example  found, but no group ID: 1 TXT record at _suns.other.example\n  just some text  not a group ID, ignored',
    );
  });

  it('exits 3 when DNS fails and nothing is missing for certain, and says the claims are unknown', async () => {
    const result = await lookup('broken.example', 'hop.example');
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      'broken.example  DNS error (servfail) asking _suns.broken.example',
    );
    expect(result.stdout).toContain('The claims are unknown, not missing');
  });

  it('exits 3 on a timeout, waiting the --timeout given on each try', async () => {
    const result = await runSymval([
      'lookup',
      '--dns-server',
      dns.address,
      '--timeout',
      '300',
      '--json',
      'silent.example',
    ]);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).lookups[0]).toMatchObject({
      status: 'error',
      code: 'timeout',
      message: expect.stringContaining('no answer within 300 ms'),
    });
    // Two tries, each a query the server logged.
    expect(dns.queries.filter((query) => query.name === '_suns.silent.example')).toHaveLength(2);
  });

  it('uses DNS_SERVERS when no --dns-server is given', async () => {
    const result = await runSymval(['lookup', 'hop.example'], {
      env: { DNS_SERVERS: dns.address },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'found: 1 TXT record at _suns.target.example (CNAME from _suns.hop.example)',
    );
    expect(dns.queries.map((query) => query.name)).toContain('_suns.hop.example');
  });

  it('rejects a malformed DNS server or timeout with exit code 2 before any query', async () => {
    const badServer = await runSymval(['lookup', '--dns-server', 'dns.example:53', 'a.example']);
    expect(badServer.code).toBe(2);
    expect(badServer.stderr).toMatch(/^symval lookup: error: --dns-server: .*dns\.example:53/);
    const badEnv = await runSymval(['lookup', 'a.example'], {
      env: { DNS_SERVERS: '127.0.0.1:99999' },
    });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toMatch(/^symval lookup: error: DNS_SERVERS: /);
    const badTimeout = await runSymval([
      'lookup',
      '--dns-server',
      dns.address,
      '--timeout',
      '1.5',
      'a.example',
    ]);
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toContain(
      '--timeout must be a whole number of milliseconds from 1 to 60000, received "1.5"',
    );
    expect(dns.queries).toEqual([]);
  });
});
