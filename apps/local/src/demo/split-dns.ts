import { createSocket, type Socket } from 'node:dgram';
import { connect, createServer, type Server, type Socket as TcpSocket } from 'node:net';
import dnsPacket from 'dns-packet';

/** A DNS server to pass queries to. */
export interface DnsTarget {
  host: string;
  port: number;
  family: 4 | 6;
}

/** Options of {@link startSplitDns}. */
export interface SplitDnsOptions {
  /** The zone answered by `local` (`test`): the name itself and every name under it. */
  zone: string;
  /** The server of the zone. */
  local: DnsTarget;
  /**
   * The servers of every other name, tried in order (the next when one does not answer in
   * `timeoutMs`); none: other names answer SERVFAIL.
   */
  upstream: readonly DnsTarget[];
  /** How long to wait for one server. Default 2000 ms. */
  timeoutMs?: number;
}

/** A running split forwarder, on UDP and TCP at the same loopback port. */
export interface SplitDns {
  port: number;
  /** `127.0.0.1:<port>`, for `DNS_SERVERS`. */
  address: string;
  stop(): Promise<void>;
}

function questionName(query: Buffer): string | undefined {
  try {
    return dnsPacket.decode(query).questions?.[0]?.name;
  } catch {
    return undefined;
  }
}

function servfail(query: Buffer): Buffer | undefined {
  try {
    const { id, questions } = dnsPacket.decode(query);
    return dnsPacket.encode({
      type: 'response',
      id: id ?? 0,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | 2,
      questions: questions ?? [],
    });
  } catch {
    return undefined;
  }
}

function askUdp(query: Buffer, target: DnsTarget, timeoutMs: number): Promise<Buffer | undefined> {
  const socket = createSocket(target.family === 6 ? 'udp6' : 'udp4');
  const id = query.readUInt16BE(0);
  return new Promise<Buffer | undefined>((resolve) => {
    const done = (answer: Buffer | undefined) => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.on('message', (answer) => {
      if (answer.length >= 2 && answer.readUInt16BE(0) === id) done(answer);
    });
    socket.once('error', () => done(undefined));
    socket.send(query, target.port, target.host);
  });
}

function askTcp(query: Buffer, target: DnsTarget, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise<Buffer | undefined>((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    let received = Buffer.alloc(0);
    const done = (answer: Buffer | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.once('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) {
        done(received.subarray(2, 2 + received.readUInt16BE(0)));
      }
    });
    socket.once('error', () => done(undefined));
    socket.once('close', () => done(undefined));
  });
}

/**
 * A forwarder that splits DNS by name: queries for `zone` go to the zone's server, all
 * others to the upstream servers, byte for byte both ways (answers are not rewritten). It
 * lets `--demo` serve its zone from a local server while the rest of DNS (`DNS_SERVERS`, or
 * the system resolver's servers) still answers every other name; the handlers get one
 * address, as `DNS_SERVERS` takes. UDP answers the client over UDP (a truncated answer makes
 * it ask again over TCP), TCP over TCP.
 */
export async function startSplitDns(options: SplitDnsOptions): Promise<SplitDns> {
  const zone = options.zone.toLowerCase().replace(/\.$/, '');
  const timeoutMs = options.timeoutMs ?? 2000;
  const targetsFor = (query: Buffer): readonly DnsTarget[] | undefined => {
    const name = questionName(query)?.toLowerCase().replace(/\.$/, '');
    if (name === undefined) return undefined;
    return name === zone || name.endsWith(`.${zone}`) ? [options.local] : options.upstream;
  };
  const answer = async (
    query: Buffer,
    ask: (query: Buffer, target: DnsTarget, timeoutMs: number) => Promise<Buffer | undefined>,
  ): Promise<Buffer | undefined> => {
    const targets = targetsFor(query);
    if (!targets) return undefined;
    for (const target of targets) {
      const reply = await ask(query, target, timeoutMs);
      if (reply) return reply;
    }
    return servfail(query);
  };

  const onQuery = (udp: Socket) => (query: Buffer, client: { port: number; address: string }) => {
    void answer(query, askUdp).then((reply) => {
      if (reply) udp.send(reply, client.port, client.address);
    });
  };
  const connections = new Set<TcpSocket>();
  const tcp: Server = createServer((socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const query = Buffer.from(buffered.subarray(2, 2 + buffered.readUInt16BE(0)));
        buffered = buffered.subarray(2 + query.length);
        void answer(query, askTcp).then((reply) => {
          if (!reply || socket.destroyed) return;
          const length = Buffer.alloc(2);
          length.writeUInt16BE(reply.length);
          socket.write(Buffer.concat([length, reply]));
        });
      }
    });
    socket.on('error', () => socket.destroy());
  });

  // UDP picks the port; TCP must take the same one, which may be taken: then try again.
  let udp: Socket | undefined;
  let port = 0;
  for (let attempt = 1; !udp; attempt++) {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    port = socket.address().port;
    const bound = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (bound) {
      socket.on('message', onQuery(socket));
      udp = socket;
    } else {
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      if (attempt >= 10) throw new Error('no loopback port was free for both UDP and TCP');
    }
  }
  const bound = udp;

  return {
    port,
    address: `127.0.0.1:${port}`,
    async stop() {
      for (const socket of connections) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => bound.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}
