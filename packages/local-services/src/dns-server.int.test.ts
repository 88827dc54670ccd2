import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDnsServer, startDnsServer } from './index.js';

let dns: LocalDnsServer;
/** Waits for the server's answer as long as it takes, so a busy machine is not a DNS failure. */
let resolver: Resolver;
/** For the one name that never answers: the timeout is the outcome, not a race. */
let impatient: Resolver;

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
}

beforeAll(async () => {
  dns = await startDnsServer({
    '_suns.chunks.example': { txt: [['first half ', 'second half'], 'plain'] },
    '_suns.alias.example': { cname: '_suns.target.example' },
    '_suns.target.example': { txt: ['at the target'] },
    '_suns.hop1.example': { cname: '_suns.hop2.example' },
    '_suns.hop2.example': { cname: '_suns.target.example' },
    'www.example': { a: ['192.0.2.1'] },
    'broken.example': { behaviour: 'servfail' },
    'closed.example': { behaviour: 'refused' },
    'silent.example': { behaviour: 'silent' },
    'deep.sub.example': { a: ['192.0.2.2'] },
  });
  // A 300 ms timeout here once ran out in CI, under load, while the truncated answer was
  // being fetched again over TCP.
  resolver = new Resolver({ timeout: 60_000, tries: 1 });
  resolver.setServers([dns.address]);
  impatient = new Resolver({ timeout: 300, tries: 1 });
  impatient.setServers([dns.address]);
});

afterAll(() => dns.stop());

describe('startDnsServer', () => {
  it('answers TXT queries from node:dns with each record as its chunks', async () => {
    const records = await resolver.resolveTxt('_suns.chunks.example');
    expect(records).toEqual([['first half ', 'second half'], ['plain']]);
  });

  it('matches names case-insensitively and ignores a trailing dot', async () => {
    expect(await resolver.resolveTxt('_SUNS.Chunks.Example.')).toHaveLength(2);
  });

  it('answers A records', async () => {
    expect(await resolver.resolve4('www.example')).toEqual(['192.0.2.1']);
  });

  it('chases a CNAME like a recursive resolver', async () => {
    expect(await resolver.resolveCname('_suns.alias.example')).toEqual(['_suns.target.example']);
    expect(await resolver.resolveTxt('_suns.alias.example')).toEqual([['at the target']]);
  });

  it('chases a chain of CNAMEs to the data, as recursive resolvers do', async () => {
    expect(await resolver.resolveTxt('_suns.hop1.example')).toEqual([['at the target']]);
  });

  it('answers NXDOMAIN for unknown names and NODATA for a known name without the type', async () => {
    expect(await codeOf(resolver.resolveTxt('nothing.example'))).toBe('ENOTFOUND');
    expect(await codeOf(resolver.resolveTxt('www.example'))).toBe('ENODATA');
    // an empty non-terminal exists: it has a name below it
    expect(await codeOf(resolver.resolve4('sub.example'))).toBe('ENODATA');
  });

  it('answers SERVFAIL and REFUSED, and stays silent where asked', async () => {
    expect(await codeOf(resolver.resolveTxt('broken.example'))).toBe('ESERVFAIL');
    expect(await codeOf(resolver.resolveTxt('closed.example'))).toBe('EREFUSED');
    expect(await codeOf(impatient.resolveTxt('silent.example'))).toBe('ETIMEOUT');
  });

  it('serves changed zones while running and logs the queries', async () => {
    dns.clearQueries();
    dns.setRecord('_suns.new.example', { txt: ['added'] });
    expect(await resolver.resolveTxt('_suns.new.example')).toEqual([['added']]);
    dns.setRecord('_suns.new.example', undefined);
    expect(await codeOf(resolver.resolveTxt('_suns.new.example'))).toBe('ENOTFOUND');
    expect(dns.queries).toEqual([
      { name: '_suns.new.example', type: 'TXT', transport: 'udp' },
      { name: '_suns.new.example', type: 'TXT', transport: 'udp' },
    ]);
  });

  it('delays answers when asked', async () => {
    dns.setDelay(150);
    const start = performance.now();
    await resolver.resolve4('www.example');
    const elapsed = performance.now() - start;
    dns.setDelay(0);
    expect(elapsed).toBeGreaterThanOrEqual(140);
  });

  it('answers over TCP when the UDP answer is truncated', async () => {
    const big = Array.from(
      { length: 12 },
      (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(200)}`,
    );
    dns.setRecord('_suns.big.example', { txt: big });
    dns.clearQueries();
    const records = await resolver.resolveTxt('_suns.big.example');
    expect(records.map((r) => r.join('')).sort()).toEqual(big);
    expect(dns.queries.map((q) => q.transport)).toContain('tcp');
  });
});
