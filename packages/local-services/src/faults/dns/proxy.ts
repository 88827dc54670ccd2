import dgram from 'node:dgram';
import net, { type AddressInfo } from 'node:net';
import { FaultError, rejectUnknownKeys } from '../errors.js';
import { randomSeed } from '../random.js';
import { FaultSchedule } from '../schedule.js';
import { type DnsQuestion, emptyAnswer, RCODE, readQuestion } from './packet.js';
import { compileDnsRules, type DnsQueryInfo } from './rules.js';
import type { DnsFault, DnsFaultProxy, DnsFaultProxyOptions } from './types.js';

// How long a query passed on may wait for the server before its socket is given up. Not a test
// budget: it only frees sockets for servers that never answer (a `silent` name).
const UPSTREAM_GIVE_UP_MS = 30_000;

function parseTarget(target: DnsFaultProxyOptions['target']): { host: string; port: number } {
  const raw = typeof target === 'string' ? target : target?.address;
  const match = typeof raw === 'string' ? /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(raw) : null;
  const port = match ? Number(match[3]) : Number.NaN;
  if (!match || !(port > 0 && port < 65536)) {
    throw new FaultError(
      'faults.invalid-options',
      `target: '${String(raw)}' is not host:port; give e.g. '127.0.0.1:53' or { address }`,
    );
  }
  return { host: (match[1] ?? match[2])!, port };
}

function frame(message: Buffer): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(message.length);
  return Buffer.concat([length, message]);
}

/** Splits a TCP byte stream into DNS messages (each after a two-byte length, RFC 1035 4.2.2). */
function messageReader(onMessage: (message: Buffer) => void): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0);
  return (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 2) {
      const length = buffered.readUInt16BE(0);
      if (buffered.length < 2 + length) return;
      onMessage(buffered.subarray(2, 2 + length));
      buffered = buffered.subarray(2 + length);
    }
  };
}

/**
 * Starts a DNS proxy on 127.0.0.1 (UDP and TCP on one port) in front of a DNS server that
 * injects faults by rule: SERVFAIL, silence, truncation over UDP, closed TCP connections and
 * added latency. Other queries and their answers are passed on byte for byte. Decisions come
 * from `seed`: the same seed, rules and order of queries for each name and type give the same
 * faults.
 *
 * @example
 * const dns = await startDnsServer({ '_suns.example.com': { txt: ['v1:a:…'] } });
 * const proxy = await startDnsFaultProxy({
 *   target: dns,
 *   seed: 7,
 *   rules: [{ match: 'TXT _suns.*', nth: [1], fault: { type: 'servfail' } }],
 * });
 * resolver.setServers([proxy.address]);
 */
export async function startDnsFaultProxy(options: DnsFaultProxyOptions): Promise<DnsFaultProxy> {
  if (typeof options !== 'object' || options === null) {
    throw new FaultError('faults.invalid-options', 'startDnsFaultProxy: give options');
  }
  rejectUnknownKeys(
    options,
    ['target', 'seed', 'rules'],
    'startDnsFaultProxy',
    'faults.invalid-options',
  );
  const upstream = parseTarget(options.target);
  const seed = options.seed ?? randomSeed();
  if (!Number.isInteger(seed)) {
    throw new FaultError('faults.invalid-options', `seed: ${String(seed)} is not an integer`);
  }
  const schedule = new FaultSchedule<DnsQueryInfo, DnsFault>(seed, 'query');
  schedule.setRules(compileDnsRules(options.rules ?? []));
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<dgram.Socket | net.Socket>();
  let stopped = false;

  const later = (ms: number, action: () => void): void => {
    if (ms <= 0) {
      action();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) action();
    }, ms);
    timers.add(timer);
  };

  const family = net.isIPv6(upstream.host) ? 'udp6' : 'udp4';

  /** Passes a query on over UDP and calls back with the server's answer, if one comes. */
  const askUdp = (query: Buffer, reply: (answer: Buffer) => void): void => {
    const socket = dgram.createSocket(family);
    sockets.add(socket);
    const finish = () => {
      clearTimeout(giveUp);
      if (sockets.delete(socket)) socket.close();
    };
    const giveUp = setTimeout(finish, UPSTREAM_GIVE_UP_MS);
    giveUp.unref();
    socket.on('error', finish);
    socket.on('message', (answer) => {
      finish();
      reply(answer);
    });
    socket.send(query, upstream.port, upstream.host);
  };

  /** Passes a query on over a TCP connection of its own. */
  const askTcp = (query: Buffer, reply: (answer: Buffer) => void): void => {
    const socket = net.connect(upstream.port, upstream.host);
    sockets.add(socket);
    const finish = () => {
      sockets.delete(socket);
      socket.destroy();
    };
    socket.setTimeout(UPSTREAM_GIVE_UP_MS, finish);
    socket.on('error', finish);
    socket.on(
      'data',
      messageReader((answer) => {
        finish();
        reply(answer);
      }),
    );
    socket.write(frame(query));
  };

  const describe = (question: DnsQuestion, transport: 'udp' | 'tcp'): DnsQueryInfo => ({
    kind: `${question.type} ${question.name}`,
    name: question.name,
    type: question.type,
    transport,
    resource: transport,
  });

  /** Decides one query's fate; `send` answers the client, `close` ends a TCP connection. */
  const handle = (
    query: Buffer,
    transport: 'udp' | 'tcp',
    send: (answer: Buffer) => void,
    close: () => void,
  ): void => {
    if (stopped) return;
    const ask = transport === 'udp' ? askUdp : askTcp;
    const question = readQuestion(query);
    // A message the proxy cannot name is passed on untouched, uncounted.
    if (!question) {
      ask(query, send);
      return;
    }
    const decision = schedule.decide(describe(question, transport));
    if (!decision) {
      ask(query, send);
      return;
    }
    const fault = decision.fault;
    switch (fault.type) {
      case 'silence':
        return;
      case 'latency':
        later(fault.ms, () => ask(query, send));
        return;
      case 'servfail':
        later(fault.delayMs ?? 0, () =>
          send(emptyAnswer(query, question, { rcode: RCODE.SERVFAIL, truncated: false })),
        );
        return;
      case 'truncate':
        later(fault.delayMs ?? 0, () =>
          send(emptyAnswer(query, question, { rcode: RCODE.NOERROR, truncated: true })),
        );
        return;
      case 'close':
        later(fault.delayMs ?? 0, close);
        return;
    }
  };

  const udpHandler = (udp: dgram.Socket) => (query: Buffer, from: dgram.RemoteInfo) =>
    handle(
      query,
      'udp',
      (answer) => {
        if (!stopped) udp.send(answer, from.port, from.address);
      },
      () => {},
    );

  const tcpHandler = (client: net.Socket) => {
    sockets.add(client);
    client.on('error', () => client.destroy());
    client.on('close', () => sockets.delete(client));
    client.on(
      'data',
      messageReader((query) =>
        handle(
          query,
          'tcp',
          (answer) => {
            if (!client.destroyed) client.write(frame(answer));
          },
          () => client.destroy(),
        ),
      ),
    );
  };

  // UDP takes a free port; TCP must then take the same number, which another process may hold
  // already: then both are given up and another port is tried.
  const bind = async (): Promise<{ udp: dgram.Socket; tcp: net.Server; port: number }> => {
    for (let attempt = 1; ; attempt++) {
      const udp = dgram.createSocket('udp4');
      udp.on('message', udpHandler(udp));
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(0, '127.0.0.1', () => resolve());
      });
      const port = (udp.address() as AddressInfo).port;
      const tcp = net.createServer(tcpHandler);
      try {
        await new Promise<void>((resolve, reject) => {
          tcp.once('error', reject);
          tcp.listen(port, '127.0.0.1', () => resolve());
        });
        return { udp, tcp, port };
      } catch (error) {
        await new Promise<void>((resolve) => udp.close(() => resolve()));
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 10) throw error;
      }
    }
  };
  const { udp, tcp, port } = await bind();

  return {
    host: '127.0.0.1',
    port,
    address: `127.0.0.1:${port}`,
    seed,
    setRules(rules) {
      schedule.setRules(compileDnsRules(rules));
    },
    get stats() {
      return schedule.stats();
    },
    get log() {
      return schedule.log;
    },
    describe() {
      return schedule.describe();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) {
        if (socket instanceof net.Socket) socket.destroy();
        else socket.close();
      }
      sockets.clear();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}
