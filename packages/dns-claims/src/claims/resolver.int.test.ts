import { type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedUdpPort } from '../../test/raw-dns-server.js';
import { createDnsClaimResolver, type DnsClaimResolver } from './resolver.js';

const ID_A =
  'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=';

const zones = {
  '_suns.chunks.example': { txt: [['v1:a:first-half', '+second-half']] },
  '_suns.several.example': { txt: [ID_A, 'google-site-verification=abc', ID_A, ['v1:', 'b:x']] },
  '_suns.target.example': { txt: [ID_A] },
  '_suns.hop.example': { cname: '_suns.target.example' },
  '_suns.middle.example': { cname: '_suns.target.example' },
  '_suns.twohops.example': { cname: '_suns.middle.example' },
  '_suns.dangling.example': { cname: '_suns.nowhere.example' },
  '_suns.empty-target.example': { cname: 'nodata.example' },
  'nodata.example': { a: ['192.0.2.1'] },
  '_suns.nodata.example': { a: ['192.0.2.1'] },
  '_suns.servfail.example': { behaviour: 'servfail' as const },
  '_suns.refused.example': { behaviour: 'refused' as const },
  '_suns.silent.example': { behaviour: 'silent' as const },
  '_suns.mixed.example': { txt: [ID_A] },
  '_suns.xn--bcher-kva.example': { txt: [ID_A] },
  '_suns.utf8.example': { txt: [['owner ', 'é€😀']] },
  // More than fits in 1232 octets: the UDP answer comes back truncated.
  '_suns.big.example': {
    txt: Array.from({ length: 12 }, (_, i) => [`${String(i).padStart(2, '0')}:${'x'.repeat(200)}`]),
  },
};

let dns: LocalDnsServer;
/** The same zones on a server that returns a CNAME without chasing it. */
let plain: LocalDnsServer;
let claims: DnsClaimResolver;
let plainClaims: DnsClaimResolver;

beforeAll(async () => {
  dns = await startDnsServer(zones);
  plain = await startDnsServer(zones, { maxChase: 1 });
  // Answers get time to arrive on a busy machine; only the silent-server test waits short.
  claims = createDnsClaimResolver({ servers: [dns.address], timeoutMs: 5000, tries: 2 });
  plainClaims = createDnsClaimResolver({ servers: [plain.address], timeoutMs: 5000, tries: 2 });
});
afterAll(async () => {
  await Promise.all([dns?.stop(), plain?.stop()]);
});
beforeEach(() => {
  dns.clearQueries();
  plain.clearQueries();
});

describe('found claims', () => {
  it('joins the chunks of a multi-chunk TXT record', async () => {
    expect(await claims.lookup('chunks.example')).toEqual({
      status: 'found',
      domain: 'chunks.example',
      name: '_suns.chunks.example',
      records: ['v1:a:first-half+second-half'],
    });
  });

  it('returns every record, group ID or not, with exact duplicates dropped', async () => {
    const result = await claims.lookup('several.example');
    expect(result).toMatchObject({
      status: 'found',
      records: [ID_A, 'google-site-verification=abc', 'v1:b:x'],
    });
  });

  it('decodes records as UTF-8 after joining their chunks', async () => {
    expect(await claims.lookup('utf8.example')).toMatchObject({ records: ['owner é€😀'] });
  });

  it('normalises mixed case and a trailing dot before asking', async () => {
    expect(await claims.lookup('  MiXeD.Example. ')).toMatchObject({
      status: 'found',
      domain: 'mixed.example',
      records: [ID_A],
    });
    expect(dns.queries).toEqual([{ name: '_suns.mixed.example', type: 'TXT', transport: 'udp' }]);
  });

  it('converts a Unicode hostname to its ASCII form and asks for that name', async () => {
    expect(await claims.lookup('BÜCHER.example')).toMatchObject({
      status: 'found',
      domain: 'xn--bcher-kva.example',
      name: '_suns.xn--bcher-kva.example',
    });
  });

  it('fetches a truncated answer again over TCP and gets every record', async () => {
    const result = await claims.lookup('big.example');
    expect(result.status === 'found' && result.records.map((r) => r.slice(0, 2))).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i).padStart(2, '0')),
    );
    expect(dns.queries.map((query) => query.transport)).toEqual(['udp', 'tcp']);
  });
});

describe('one CNAME hop', () => {
  it('reads the records through one CNAME when the server chases it, in one query', async () => {
    expect(await claims.lookup('hop.example')).toEqual({
      status: 'found',
      domain: 'hop.example',
      name: '_suns.hop.example',
      records: [ID_A],
      via: '_suns.target.example',
    });
    expect(dns.queries).toHaveLength(1);
  });

  it('takes the hop itself when the server returns only the CNAME', async () => {
    expect(await plainClaims.lookup('hop.example')).toMatchObject({
      status: 'found',
      records: [ID_A],
      via: '_suns.target.example',
    });
    expect(plain.queries.map((query) => query.name)).toEqual([
      '_suns.hop.example',
      '_suns.target.example',
    ]);
  });

  it('does not follow a second hop from a chasing server', async () => {
    // (The fixture server stops chasing after one CNAME, so the second hop is seen on the
    // follow-up query; a chain inside one answer is covered in interpret.test.ts.)
    const result = await claims.lookup('twohops.example');
    expect(result).toMatchObject({
      status: 'none',
      domain: 'twohops.example',
      reason: 'cname-chain',
    });
    expect(result.status === 'none' && result.detail).toMatch(
      /^_suns\.twohops\.example → _suns\.middle\.example → _suns\.target\.example.*only one hop is followed$/,
    );
  });

  it('does not follow a second hop from a non-chasing server, and asks only twice', async () => {
    const result = await plainClaims.lookup('twohops.example');
    expect(result).toMatchObject({ status: 'none', reason: 'cname-chain' });
    expect(result.status === 'none' && result.detail).toBe(
      '_suns.twohops.example → _suns.middle.example → _suns.target.example: _suns.middle.example is itself a CNAME; only one hop is followed',
    );
    expect(plain.queries.map((query) => query.name)).toEqual([
      '_suns.twohops.example',
      '_suns.middle.example',
    ]);
  });

  it('reports a CNAME to a missing name as none, from either kind of server', async () => {
    for (const resolver of [claims, plainClaims]) {
      const result = await resolver.lookup('dangling.example');
      expect(result).toMatchObject({ status: 'none', reason: 'nxdomain' });
      expect(result.status === 'none' && result.detail).toMatch(
        /^_suns\.dangling\.example → _suns\.nowhere\.example: the CNAME target does not exist/,
      );
    }
  });

  it('reports a CNAME to a name without TXT records as none (NODATA)', async () => {
    expect(await plainClaims.lookup('empty-target.example')).toMatchObject({
      status: 'none',
      reason: 'nodata',
      detail:
        '_suns.empty-target.example → nodata.example: the CNAME target has no TXT records (NODATA)',
    });
  });
});

describe('no claim', () => {
  it('reports NXDOMAIN as none', async () => {
    expect(await claims.lookup('missing.example')).toEqual({
      status: 'none',
      domain: 'missing.example',
      name: '_suns.missing.example',
      reason: 'nxdomain',
      detail: '_suns.missing.example does not exist (NXDOMAIN)',
    });
  });

  it('reports NODATA as none', async () => {
    expect(await claims.lookup('nodata.example')).toMatchObject({
      status: 'none',
      reason: 'nodata',
    });
  });
});

describe('DNS failures are errors, never none', () => {
  it('reports SERVFAIL after asking once per try', async () => {
    const result = await claims.lookup('servfail.example');
    expect(result).toMatchObject({ status: 'error', code: 'servfail' });
    expect(result.status === 'error' && result.message).toMatch(
      /\(try 1\): SERVFAIL; .*\(try 2\): SERVFAIL$/,
    );
    expect(dns.queries).toHaveLength(2);
  });

  it('reports REFUSED', async () => {
    expect(await claims.lookup('refused.example')).toMatchObject({
      status: 'error',
      code: 'refused',
    });
  });

  it('reports a silent server as a timeout after every try', async () => {
    // Never answered: any wait ends the same way, so a short one.
    const quick = createDnsClaimResolver({ servers: [dns.address], timeoutMs: 300, tries: 2 });
    const result = await quick.lookup('silent.example');
    expect(result).toMatchObject({ status: 'error', code: 'timeout' });
    expect(result.status === 'error' && result.message).toMatch(/no answer within 300 ms/);
    expect(dns.queries).toHaveLength(2);
  });

  it('reports a closed port as a network error', async () => {
    const closed = createDnsClaimResolver({
      servers: [await closedUdpPort()],
      timeoutMs: 2000,
      tries: 1,
    });
    const result = await closed.lookup('several.example');
    expect(result).toMatchObject({ status: 'error', code: 'network' });
    expect(result.status === 'error' && result.message).toMatch(/ECONNREFUSED/);
  });

  it('moves on to the next server after a failure', async () => {
    const failing = await startDnsServer({ '_suns.several.example': { behaviour: 'servfail' } });
    try {
      const resolver = createDnsClaimResolver({
        servers: [await closedUdpPort(), failing.address, dns.address],
        timeoutMs: 5000,
        tries: 1,
      });
      expect(await resolver.lookup('several.example')).toMatchObject({ status: 'found' });
      expect(failing.queries).toHaveLength(1);
      expect(dns.queries).toHaveLength(1);
    } finally {
      await failing.stop();
    }
  });

  it('sends no query for an invalid hostname', async () => {
    expect(await claims.lookup('-bad-.example')).toMatchObject({
      status: 'error',
      code: 'invalid-hostname',
    });
    expect(dns.queries).toHaveLength(0);
  });
});

describe('concurrency', () => {
  it('keeps at most `concurrency` lookups in flight and starts the rest in call order', async () => {
    const slow = await startDnsServer(
      Object.fromEntries(
        Array.from({ length: 7 }, (_, i) => [`_suns.n${i}.example`, { txt: [`r${i}`] }]),
      ),
      // Long beside the 200 ms look below, so a stalled event loop cannot let an answer in.
      { delayMs: 2000 },
    );
    try {
      const resolver = createDnsClaimResolver({
        servers: [slow.address],
        concurrency: 3,
        timeoutMs: 5000,
      });
      const pending = Array.from({ length: 7 }, (_, i) => resolver.lookup(`n${i}.example`));
      // While the first three wait 2 s for their answers, nothing else may be sent.
      await expect.poll(() => slow.queries.length).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(slow.queries.map((query) => query.name)).toEqual([
        '_suns.n0.example',
        '_suns.n1.example',
        '_suns.n2.example',
      ]);
      const results = await Promise.all(pending);
      expect(results.map((result) => result.status === 'found' && result.records[0])).toEqual(
        Array.from({ length: 7 }, (_, i) => `r${i}`),
      );
      expect(slow.queries.map((query) => query.name)).toEqual(
        Array.from({ length: 7 }, (_, i) => `_suns.n${i}.example`),
      );
    } finally {
      await slow.stop();
    }
  });
});
