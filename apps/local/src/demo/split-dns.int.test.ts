import { Resolver } from 'node:dns/promises';
import { connect } from 'node:net';
import { type LocalDnsServer, startDnsServer } from '@symval/local-services';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SplitDns, startSplitDns } from './split-dns.js';

let zone: LocalDnsServer;
let world: LocalDnsServer;
let silent: LocalDnsServer;
let split: SplitDns;

const target = (server: LocalDnsServer) => ({
  host: '127.0.0.1',
  port: server.port,
  family: 4 as const,
});

beforeAll(async () => {
  // The demo zone's server knows only its zone; "the world" knows a name of the same form.
  zone = await startDnsServer({ '_suns.tset.level.test': { txt: ['v1:a:zone'] } });
  world = await startDnsServer({
    '_suns.zq.suns.bz': { txt: ['v1:b:world'] },
    '_suns.tset.level.test': { txt: ['v1:a:world'] },
    '_suns.long.example': { txt: [['a'.repeat(250), 'b'.repeat(250)], 'c'.repeat(250)] },
  });
  silent = await startDnsServer({ '_suns.zq.suns.bz': { behaviour: 'silent' } });
  split = await startSplitDns({ zone: 'test', local: target(zone), upstream: [target(world)] });
});

afterAll(async () => {
  await split?.stop();
  await Promise.all([zone?.stop(), world?.stop(), silent?.stop()]);
});

function resolver(address: string): Resolver {
  const r = new Resolver({ timeout: 3000, tries: 1 });
  r.setServers([address]);
  return r;
}

describe('startSplitDns', () => {
  it('answers the zone from its server and every other name from upstream', async () => {
    const r = resolver(split.address);
    expect(await r.resolveTxt('_suns.tset.level.test')).toEqual([['v1:a:zone']]);
    expect(await r.resolveTxt('_suns.zq.suns.bz')).toEqual([['v1:b:world']]);
    expect(zone.queries.map((q) => q.name)).toEqual(['_suns.tset.level.test']);
    expect(world.queries.map((q) => q.name)).toEqual(['_suns.zq.suns.bz']);
  });

  it('passes NXDOMAIN on from the server that gave it', async () => {
    await expect(resolver(split.address).resolveTxt('_suns.nobody.test')).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    await expect(resolver(split.address).resolveTxt('_suns.nobody.example')).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
  });

  it('answers over TCP too (what a client does after a truncated UDP answer)', async () => {
    world.clearQueries();
    const query = dnsPacket.encode({
      type: 'query',
      id: 42,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type: 'TXT', name: '_suns.long.example' }],
    });
    const socket = connect({ host: '127.0.0.1', port: split.port });
    const framed = Buffer.alloc(2 + query.length);
    framed.writeUInt16BE(query.length);
    query.copy(framed, 2);
    socket.write(framed);
    let received = Buffer.alloc(0);
    for await (const chunk of socket) {
      received = Buffer.concat([received, chunk as Buffer]);
      if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) break;
    }
    socket.destroy();
    const answer = dnsPacket.decode(received.subarray(2));
    expect(answer.id).toBe(42);
    const texts = (answer.answers ?? []).map((record) =>
      (record as { data: Buffer[] }).data.map((chunk) => chunk.toString()),
    );
    expect(texts).toEqual([['a'.repeat(250), 'b'.repeat(250)], ['c'.repeat(250)]]);
    expect(world.queries).toEqual([{ name: '_suns.long.example', type: 'TXT', transport: 'tcp' }]);
  });

  it('tries the next upstream when one is silent, and answers SERVFAIL when none answers', async () => {
    const failing = await startSplitDns({
      zone: 'test',
      local: target(zone),
      upstream: [target(silent), target(world)],
      timeoutMs: 300,
    });
    const none = await startSplitDns({ zone: 'test', local: target(zone), upstream: [] });
    try {
      expect(await resolver(failing.address).resolveTxt('_suns.zq.suns.bz')).toEqual([
        ['v1:b:world'],
      ]);
      await expect(resolver(none.address).resolveTxt('_suns.zq.suns.bz')).rejects.toMatchObject({
        code: 'ESERVFAIL',
      });
    } finally {
      await failing.stop();
      await none.stop();
    }
  });
});
