import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dnsmasq, hasDnsmasq, startDnsmasq } from '../../test/dnsmasq.js';
import { createDnsClaimResolver, type DnsClaimResolver } from './resolver.js';

const ID_A =
  'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=';

// CI installs dnsmasq (.ci/run); on a machine without it these tests are skipped, visibly.
const available = hasDnsmasq() || process.env.CI !== undefined;

describe.runIf(available)('claims read from dnsmasq, an independent DNS server', () => {
  let server: Dnsmasq;
  let claims: DnsClaimResolver;

  beforeAll(async () => {
    server = await startDnsmasq({
      domain: 'example',
      txt: {
        '_suns.one.example': [ID_A],
        '_suns.chunks.example': ['v1:a:first-half', '+second-half'],
        '_suns.target.example': [ID_A],
      },
      cname: {
        '_suns.alias.example': '_suns.target.example',
        '_suns.hop1.example': '_suns.alias.example',
      },
      a: { 'www.example': '192.0.2.1' },
    });
    // Every name here answers: the timeout is a hang guard, not a budget a busy machine misses.
    claims = createDnsClaimResolver({ servers: [server.address], timeoutMs: 30_000, tries: 1 });
  });

  afterAll(() => server?.stop());

  it('finds a claim', async () => {
    expect(await claims.lookup('One.Example.')).toMatchObject({
      status: 'found',
      domain: 'one.example',
      records: [ID_A],
    });
  });

  it('joins the character-strings of one TXT record', async () => {
    expect(await claims.lookup('chunks.example')).toMatchObject({
      status: 'found',
      records: ['v1:a:first-half+second-half'],
    });
  });

  it('follows one CNAME hop and refuses a second', async () => {
    expect(await claims.lookup('alias.example')).toMatchObject({
      status: 'found',
      records: [ID_A],
      via: '_suns.target.example',
    });
    expect(await claims.lookup('hop1.example')).toMatchObject({
      status: 'none',
      reason: 'cname-chain',
    });
  });

  it('tells a name that does not exist from DNS failing', async () => {
    expect(await claims.lookup('nothing.example')).toMatchObject({
      status: 'none',
      reason: 'nxdomain',
    });
  });
});
