// A scriptable UDP/TCP DNS server for the failure modes the fixture server in
// @symval/local-services does not produce: stray IDs, garbage, unusual response codes.
import { createSocket } from 'node:dgram';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import dns2 from 'dns2';

const { Packet } = dns2;
export type DnsPacket = InstanceType<typeof Packet>;

/** What to send back for one query: packets or raw bytes, in order; nothing for silence. */
export type RawReply = Array<DnsPacket | Uint8Array>;

export interface RawDnsServer {
  address: string;
  /** Every query received, decoded, oldest first. */
  readonly queries: Array<{ transport: 'udp' | 'tcp'; packet: DnsPacket }>;
  stop(): Promise<void>;
}

/** Builds the usual response to `query`, then lets `edit` change it. */
export function respond(
  query: DnsPacket,
  edit: (response: DnsPacket) => void = () => {},
): DnsPacket {
  const response = Packet.createResponseFromRequest(query);
  edit(response);
  return response;
}

const wire = (reply: DnsPacket | Uint8Array) =>
  reply instanceof Uint8Array ? reply : reply.toBuffer();

/** Starts the server on 127.0.0.1 with one handler for UDP and (when given) another for TCP. */
export async function startRawDnsServer(
  udpHandler: (query: DnsPacket) => RawReply,
  tcpHandler?: (query: DnsPacket) => RawReply,
): Promise<RawDnsServer> {
  const queries: RawDnsServer['queries'] = [];
  const udp = createSocket('udp4');
  udp.on('message', (bytes, peer) => {
    const packet = Packet.parse(bytes);
    queries.push({ transport: 'udp', packet });
    for (const reply of udpHandler(packet)) udp.send(wire(reply), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const port = (udp.address() as AddressInfo).port;
  let tcp: Server | undefined;
  const sockets = new Set<Socket>();
  if (tcpHandler) {
    tcp = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('data', (chunk) => {
        const packet = Packet.parse(chunk.subarray(2));
        queries.push({ transport: 'tcp', packet });
        for (const reply of tcpHandler(packet)) {
          const bytes = wire(reply);
          const frame = Buffer.alloc(2 + bytes.length);
          frame.writeUInt16BE(bytes.length, 0);
          frame.set(bytes, 2);
          socket.write(frame);
        }
      });
    });
    await new Promise<void>((resolve) => tcp!.listen(port, '127.0.0.1', resolve));
  }
  return {
    address: `127.0.0.1:${port}`,
    queries,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        tcp ? new Promise<void>((resolve) => tcp!.close(() => resolve())) : undefined,
      ]);
    },
  };
}

/** A UDP port nothing listens on: bound once to learn a free number, then closed. */
export async function closedUdpPort(): Promise<string> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return `127.0.0.1:${port}`;
}
