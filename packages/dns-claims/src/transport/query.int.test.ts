import dns2 from 'dns2';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type DnsPacket,
  type RawDnsServer,
  respond,
  startRawDnsServer,
} from '../../test/raw-dns-server.js';
import { createDnsClaimResolver } from '../claims/resolver.js';

const { Packet } = dns2;
const servers: RawDnsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serve(...handlers: Parameters<typeof startRawDnsServer>): Promise<RawDnsServer> {
  const server = await startRawDnsServer(...handlers);
  servers.push(server);
  return server;
}

const withTxt = (query: DnsPacket, text: string) =>
  respond(query, (response) => {
    response.answers.push({
      name: query.questions[0]!.name,
      type: Packet.TYPE.TXT,
      class: 1,
      ttl: 60,
      data: [text],
    } as never);
  });

// The usual response with some header fields changed.
const flagged = (query: DnsPacket, header: { rcode?: number; tc?: 0 | 1 }) =>
  respond(query, (response) => {
    Object.assign(response.header, header);
  });

// A server that answers gets time to answer on a busy machine; the wait only ends a try that
// was never going to be answered, so tests of silence pass a short one.
const ANSWER_WAIT_MS = 5000;
const lookup = (server: RawDnsServer, tries = 1, timeoutMs = ANSWER_WAIT_MS) =>
  createDnsClaimResolver({ servers: [server.address], timeoutMs, tries }).lookup('a.example');

describe('matching answers to queries', () => {
  it('skips datagrams with another ID or another question and takes the real answer', async () => {
    const server = await serve((query) => {
      const stray = withTxt(query, 'stray');
      stray.header.id = (query.header.id + 1) & 0xffff;
      const otherQuestion = respond(query, (response) => {
        response.questions = [
          { name: '_suns.b.example', type: Packet.TYPE.TXT, class: 1 } as never,
        ];
      });
      return [stray, otherQuestion, withTxt(query, 'right')];
    });
    expect(await lookup(server)).toMatchObject({ status: 'found', records: ['right'] });
  });

  it('reports an undecodable answer with the right ID as malformed', async () => {
    const server = await serve((query) => {
      const bytes = Buffer.from(withTxt(query, 'x').toBuffer());
      return [bytes.subarray(0, bytes.length - 3)];
    });
    const result = await lookup(server);
    expect(result).toMatchObject({ status: 'error', code: 'malformed' });
    expect(result.status === 'error' && result.message).toMatch(/malformed DNS message/);
  });
});

describe('response codes', () => {
  it('asks again without EDNS when a server answers FORMERR to the OPT record', async () => {
    const server = await serve((query) =>
      query.additionals.length > 0
        ? [flagged(query, { rcode: Packet.RCODE.FORMERR })]
        : [withTxt(query, 'old server')],
    );
    expect(await lookup(server)).toMatchObject({ status: 'found', records: ['old server'] });
    expect(server.queries.map((query) => query.packet.additionals.length)).toEqual([1, 0]);
  });

  it('maps FORMERR without EDNS, NOTIMP and unknown codes to formerr, notimp and other', async () => {
    for (const [rcode, code] of [
      [Packet.RCODE.FORMERR, 'formerr'],
      [Packet.RCODE.NOTIMP, 'notimp'],
      [Packet.RCODE.NOTAUTH, 'other'],
    ] as const) {
      const server = await serve((query) => [flagged(query, { rcode })]);
      expect(await lookup(server)).toMatchObject({ status: 'error', code });
    }
  });
});

describe('truncation', () => {
  const truncated = (query: DnsPacket) => [flagged(query, { tc: 1 })];

  it('reports truncated when the answer is cut off and TCP cannot be reached', async () => {
    const server = await serve(truncated);
    const result = await lookup(server);
    expect(result).toMatchObject({ status: 'error', code: 'truncated' });
    expect(result.status === 'error' && result.message).toMatch(
      /truncated over UDP, and over TCP: TCP ECONNREFUSED/,
    );
  });

  it('reports truncated when even the TCP answer says it is truncated', async () => {
    const server = await serve(truncated, truncated);
    expect(await lookup(server)).toMatchObject({ status: 'error', code: 'truncated' });
    expect(server.queries.map((query) => query.transport)).toEqual(['udp', 'tcp']);
  });

  it('uses the TCP answer when the UDP one is truncated', async () => {
    const server = await serve(truncated, (query) => [withTxt(query, 'over tcp')]);
    expect(await lookup(server)).toMatchObject({ status: 'found', records: ['over tcp'] });
  });
});

describe('tries', () => {
  it('asks a silent server once per try, with a fresh query ID each time', async () => {
    const server = await serve(() => []);
    // Never answered: any wait ends the same way.
    expect(await lookup(server, 3, 200)).toMatchObject({ status: 'error', code: 'timeout' });
    const ids = server.queries.map((query) => query.packet.header.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBeGreaterThan(1);
  });

  it('succeeds on a later try when an earlier one went unanswered', async () => {
    let calls = 0;
    const server = await serve((query) => (++calls === 1 ? [] : [withTxt(query, 'second try')]));
    expect(await lookup(server, 2)).toMatchObject({ status: 'found', records: ['second try'] });
  });
});
