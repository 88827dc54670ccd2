import dgram from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { once } from 'node:events';
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalDnsServer, startDnsServer } from '../../dns-server.js';
import { startDnsFaultProxy } from './proxy.js';
import type { DnsFaultProxy, DnsFaultRule } from './types.js';

let dns: LocalDnsServer;
const proxies: DnsFaultProxy[] = [];

beforeAll(async () => {
  dns = await startDnsServer({
    '_suns.a.example': { txt: ['claim a'] },
    '_suns.b.example': { txt: ['claim b'] },
    '_suns.c.example': { txt: ['claim c'] },
  });
});
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await dns.stop();
});
beforeEach(() => dns.clearQueries());

async function proxyFor(rules: DnsFaultRule[], seed = 42): Promise<DnsFaultProxy> {
  const proxy = await startDnsFaultProxy({ target: dns, seed, rules });
  proxies.push(proxy);
  return proxy;
}

// Two seconds for an answer: the proxy adds a hop on a machine busy with other work. Only the
// silence test waits for a timeout, with a shorter one.
function resolverFor(proxy: DnsFaultProxy, timeout = 2_000): Resolver {
  const resolver = new Resolver({ timeout, tries: 1 });
  resolver.setServers([proxy.address]);
  return resolver;
}

async function txtOrCode(resolver: Resolver, name: string): Promise<string> {
  try {
    return (await resolver.resolveTxt(name)).map((record) => record.join('')).join(',');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/** A TXT query as a resolver sends it: ID, RD set, one question. */
function query(name: string, id: number): Buffer {
  const labels = name
    .split('.')
    .map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)]));
  const header = Buffer.from([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, ...labels, Buffer.from([0, 0, 16, 0, 1])]);
}

async function askUdp(address: { host: string; port: number }, message: Buffer): Promise<Buffer> {
  const socket = dgram.createSocket('udp4');
  try {
    socket.send(message, address.port, address.host);
    const [answer] = (await once(socket, 'message')) as [Buffer];
    return answer;
  } finally {
    socket.close();
  }
}

async function askTcp(address: { host: string; port: number }, message: Buffer): Promise<Buffer> {
  const socket = net.connect(address.port, address.host);
  try {
    const length = Buffer.from([message.length >> 8, message.length & 0xff]);
    socket.write(Buffer.concat([length, message]));
    let received = Buffer.alloc(0);
    for await (const chunk of socket) {
      received = Buffer.concat([received, chunk as Buffer]);
      if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) break;
    }
    return received.subarray(2, 2 + received.readUInt16BE(0));
  } finally {
    socket.destroy();
  }
}

describe('startDnsFaultProxy', () => {
  it('passes queries and answers through byte for byte, over UDP and TCP', async () => {
    const proxy = await proxyFor([]);
    const message = query('_suns.a.example', 0x1234);
    expect(await askUdp(proxy, message)).toEqual(await askUdp(dns, message));
    expect(await askTcp(proxy, message)).toEqual(await askTcp(dns, message));
    expect(await resolverFor(proxy).resolveTxt('_suns.b.example')).toEqual([['claim b']]);
    expect(proxy.stats).toMatchObject({ requests: 3, injected: 0 });
  });

  it('answers SERVFAIL on schedule, then passes the next query of that name', async () => {
    const proxy = await proxyFor([
      { match: 'TXT _suns.a.example', nth: [1], fault: { type: 'servfail' } },
    ]);
    const resolver = resolverFor(proxy);
    expect(await txtOrCode(resolver, '_suns.a.example')).toBe('ESERVFAIL');
    expect(await txtOrCode(resolver, '_suns.b.example')).toBe('claim b');
    expect(await txtOrCode(resolver, '_suns.a.example')).toBe('claim a');
    expect(proxy.describe()).toBe(
      'seed 42: query #1 TXT _suns.a.example udp (#1 of its kind) got servfail',
    );
    // The failed query never reached the server.
    expect(dns.queries.map((q) => q.name)).toEqual(['_suns.b.example', '_suns.a.example']);
  });

  it('answers with the query’s own ID and question, case included, and the right flags', async () => {
    const proxy = await proxyFor([
      { match: '_suns.a.example', nth: [1, 2], fault: { type: 'servfail' } },
      { match: '_suns.b.example', nth: [1], fault: { type: 'truncate' } },
    ]);
    const message = query('_SUNS.A.Example', 0xbeef);
    const questionEnd = message.length;
    for (const answer of [await askUdp(proxy, message), await askTcp(proxy, message)]) {
      expect(answer.readUInt16BE(0)).toBe(0xbeef);
      expect(answer[2]).toBe(0x81); // QR, RD copied
      expect(answer[3]).toBe(0x82); // RA, SERVFAIL
      expect([...answer.subarray(4, 12)]).toEqual([0, 1, 0, 0, 0, 0, 0, 0]);
      expect(answer.subarray(12).equals(message.subarray(12, questionEnd))).toBe(true);
    }
    const truncated = await askUdp(proxy, query('_suns.b.example', 7));
    expect(truncated[2]).toBe(0x83); // QR, TC, RD
    expect(truncated[3]).toBe(0x80); // RA, NOERROR
  });

  it('stays silent where asked: the client times out', async () => {
    const proxy = await proxyFor([
      { match: 'TXT _suns.c.*', nth: [1], fault: { type: 'silence' } },
    ]);
    expect(await txtOrCode(resolverFor(proxy, 300), '_suns.c.example')).toBe('ETIMEOUT');
    expect(await txtOrCode(resolverFor(proxy), '_suns.c.example')).toBe('claim c');
  });

  it('truncates over UDP so that the resolver asks again over TCP', async () => {
    const proxy = await proxyFor([{ match: '*', probability: 1, fault: { type: 'truncate' } }]);
    expect(await resolverFor(proxy).resolveTxt('_suns.a.example')).toEqual([['claim a']]);
    expect(dns.queries).toEqual([{ name: '_suns.a.example', type: 'TXT', transport: 'tcp' }]);
    expect(proxy.log.map((entry) => `${entry.kind} ${entry.resource} ${entry.fault}`)).toEqual([
      'TXT _suns.a.example udp truncate',
    ]);
  });

  it('closes TCP connections where asked, so a truncated answer cannot be completed', async () => {
    const proxy = await proxyFor([
      { match: '_suns.a.example', probability: 1, fault: { type: 'truncate' } },
      { match: '_suns.a.example', probability: 1, fault: { type: 'close' } },
    ]);
    // c-ares reports a TCP connection closed without an answer as ECONNREFUSED.
    expect(await txtOrCode(resolverFor(proxy), '_suns.a.example')).toBe('ECONNREFUSED');
    expect(proxy.log.map((entry) => `${entry.resource} ${entry.fault}`)).toEqual([
      'udp truncate',
      'tcp close',
    ]);
    expect(dns.queries).toEqual([]);
  });

  it('adds latency and then passes the query on', async () => {
    const proxy = await proxyFor([{ match: '*', nth: [1], fault: { type: 'latency', ms: 200 } }]);
    const started = performance.now();
    expect(await resolverFor(proxy).resolveTxt('_suns.a.example')).toEqual([['claim a']]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('replays the same faults for the same seed, whatever the order between names', async () => {
    const rules: DnsFaultRule[] = [
      { match: 'TXT _suns.*', probability: 0.5, fault: { type: 'servfail' } },
    ];
    const names = ['_suns.a.example', '_suns.b.example', '_suns.c.example'];
    const rounds = 8;
    /** Per name, which of its queries failed. */
    const failures = async (seed: number, together: boolean) => {
      const resolver = resolverFor(await proxyFor(rules, seed));
      const failed: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
      for (let round = 1; round <= rounds; round++) {
        const ask = async (name: string) => {
          if ((await txtOrCode(resolver, name)) === 'ESERVFAIL') failed[name]!.push(round);
        };
        if (together) await Promise.all(names.map(ask));
        else for (const name of [...names].reverse()) await ask(name);
      }
      return failed;
    };
    const first = await failures(42, false);
    expect(Object.values(first).flat().length).toBeGreaterThan(0);
    expect(await failures(42, true)).toEqual(first);
    expect(await failures(43, false)).not.toEqual(first);
  });

  it('rejects a target that is not host:port', async () => {
    await expect(startDnsFaultProxy({ target: 'localhost' })).rejects.toThrow(
      "target: 'localhost' is not host:port; give e.g. '127.0.0.1:53' or { address }",
    );
  });
});
