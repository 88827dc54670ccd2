import type { AddressInfo } from 'node:net';
import dns2 from 'dns2';

const { Packet } = dns2;
type DnsPacket = InstanceType<typeof Packet>;

/** What one name answers. A name absent from the zones answers NXDOMAIN. */
export interface DnsZoneEntry {
  /** TXT records; a record given as an array is sent as several character-strings (chunks). */
  txt?: ReadonlyArray<string | readonly string[]>;
  /** A CNAME target. The server follows it like a recursive resolver (see `maxChase`). */
  cname?: string;
  /** IPv4 addresses. */
  a?: readonly string[];
  /** Answer every query for this name with SERVFAIL or REFUSED, or never answer at all. */
  behaviour?: 'servfail' | 'refused' | 'silent';
  /** Milliseconds to wait before answering a query for this name. */
  delayMs?: number;
}

/** Fixture zone data: fully qualified names (any case, trailing dot optional) to their records. */
export type DnsZones = Record<string, DnsZoneEntry>;

/** One query the server received. */
export interface DnsQueryLogEntry {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface DnsServerOptions {
  /** Milliseconds to wait before every answer (for benchmarks). Default 0. */
  delayMs?: number;
  /** Also serve TCP on the same port (needed for truncated answers). Default true. */
  tcp?: boolean;
  /** How many CNAMEs the server chases inside its zones, as a recursive resolver would. Default 8. */
  maxChase?: number;
}

export interface LocalDnsServer {
  host: '127.0.0.1';
  port: number;
  /** `127.0.0.1:<port>`, ready for `Resolver#setServers` or `DNS_SERVERS`. */
  address: string;
  /** Replaces every zone. */
  setZones(zones: DnsZones): void;
  /** Sets (or, with `undefined`, removes) one name. */
  setRecord(name: string, entry: DnsZoneEntry | undefined): void;
  /** Changes the delay before every answer. */
  setDelay(delayMs: number): void;
  /** Queries received so far, oldest first. */
  readonly queries: readonly DnsQueryLogEntry[];
  /** Forgets the query log. */
  clearQueries(): void;
  stop(): Promise<void>;
}

const TYPE_NAMES: Record<number, string> = {
  1: 'A',
  5: 'CNAME',
  6: 'SOA',
  16: 'TXT',
  28: 'AAAA',
  255: 'ANY',
};

function canonical(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function normaliseZones(zones: DnsZones): Map<string, DnsZoneEntry> {
  const map = new Map<string, DnsZoneEntry>();
  for (const [name, entry] of Object.entries(zones)) map.set(canonical(name), entry);
  return map;
}

/**
 * Starts a real DNS server on 127.0.0.1 (UDP, and TCP on the same port) that answers from
 * fixture zones the way a recursive resolver would: NXDOMAIN for unknown names, NODATA
 * (NOERROR, no answer) for known names without the asked type, CNAMEs chased inside the
 * zones, and names that answer SERVFAIL, REFUSED or nothing at all.
 *
 * @example
 * const dns = await startDnsServer({ '_suns.example.com': { txt: ['v1:a:…'] } });
 * const resolver = new Resolver();
 * resolver.setServers([dns.address]);
 * await resolver.resolveTxt('_suns.example.com'); // [['v1:a:…']]
 * await dns.stop();
 */
export async function startDnsServer(
  zones: DnsZones = {},
  options: DnsServerOptions = {},
): Promise<LocalDnsServer> {
  let records = normaliseZones(zones);
  let delayMs = options.delayMs ?? 0;
  const maxChase = options.maxChase ?? 8;
  const queries: DnsQueryLogEntry[] = [];
  const pending = new Set<NodeJS.Timeout>();

  // Names that exist only because a longer name sits under them answer NODATA, not NXDOMAIN.
  const exists = (name: string): boolean => {
    if (records.has(name)) return true;
    const suffix = `.${name}`;
    for (const key of records.keys()) if (key.endsWith(suffix)) return true;
    return false;
  };

  const answerFor = (request: DnsPacket): DnsPacket | undefined => {
    const response = Packet.createResponseFromRequest(request);
    response.header.ra = 1;
    const question = request.questions[0];
    if (!question) {
      response.header.rcode = Packet.RCODE.FORMERR;
      return response;
    }
    let name = canonical(question.name);
    let ownerName = question.name;
    for (let hop = 0; ; hop++) {
      const entry = records.get(name);
      if (entry?.behaviour === 'silent') return undefined;
      if (entry?.behaviour === 'servfail') {
        response.header.rcode = Packet.RCODE.SERVFAIL;
        return response;
      }
      if (entry?.behaviour === 'refused') {
        response.header.rcode = Packet.RCODE.REFUSED;
        return response;
      }
      if (!entry) {
        if (!exists(name)) response.header.rcode = Packet.RCODE.NXDOMAIN;
        return response;
      }
      const base = { name: ownerName, class: Packet.CLASS.IN, ttl: 60 };
      const answeredBefore = response.answers.length;
      const wantsAny = question.type === Packet.TYPE.ANY;
      if ((question.type === Packet.TYPE.TXT || wantsAny) && entry.txt?.length) {
        for (const txt of entry.txt) {
          response.answers.push({
            ...base,
            type: Packet.TYPE.TXT,
            data: [...(typeof txt === 'string' ? [txt] : txt)],
          } as never);
        }
      }
      if ((question.type === Packet.TYPE.A || wantsAny) && entry.a?.length) {
        for (const address of entry.a) {
          response.answers.push({ ...base, type: Packet.TYPE.A, address } as never);
        }
      }
      if (entry.cname && (question.type === Packet.TYPE.CNAME || wantsAny)) {
        response.answers.push({ ...base, type: Packet.TYPE.CNAME, domain: entry.cname } as never);
        return response;
      }
      // Chase only while no data of the asked type was found at this name (the answer may
      // already hold the CNAMEs that led here).
      if (entry.cname && response.answers.length === answeredBefore) {
        response.answers.push({ ...base, type: Packet.TYPE.CNAME, domain: entry.cname } as never);
        if (hop + 1 >= maxChase) return response;
        ownerName = entry.cname;
        name = canonical(entry.cname);
        continue;
      }
      return response;
    }
  };

  const handle =
    (transport: 'udp' | 'tcp') =>
    (request: DnsPacket, send: (response: DnsPacket) => Promise<unknown>): void => {
      const question = request.questions[0];
      if (question) {
        queries.push({
          name: canonical(question.name),
          type: TYPE_NAMES[question.type] ?? String(question.type),
          transport,
        });
      }
      const response = answerFor(request);
      if (!response) return;
      const entryDelay = question ? (records.get(canonical(question.name))?.delayMs ?? 0) : 0;
      const wait = delayMs + entryDelay;
      const reply = () => {
        send(response).catch(() => {
          // The client went away (a closed TCP connection): nothing to answer.
        });
      };
      if (wait <= 0) {
        reply();
        return;
      }
      const timer = setTimeout(() => {
        pending.delete(timer);
        reply();
      }, wait);
      pending.add(timer);
    };

  type UdpServer = ReturnType<typeof dns2.createUDPServer>;
  type TcpServer = ReturnType<typeof dns2.createTCPServer>;
  // UDP picks a free port; TCP must then take the same number, which another process may
  // hold already. Then both are given up and another port is tried.
  const bind = async (): Promise<{ udp: UdpServer; tcp: TcpServer | undefined; port: number }> => {
    for (let attempt = 1; ; attempt++) {
      const udp = dns2.createUDPServer(handle('udp') as never);
      await udp.listen(0, '127.0.0.1');
      const port = (udp.address() as AddressInfo).port;
      if (!(options.tcp ?? true)) return { udp, tcp: undefined, port };
      const tcp = dns2.createTCPServer(handle('tcp') as never);
      try {
        await new Promise<void>((resolve, reject) => {
          tcp.once('error', reject);
          tcp.once('listening', () => resolve());
          tcp.listen(port, '127.0.0.1');
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
    setZones(next) {
      records = normaliseZones(next);
    },
    setRecord(name, entry) {
      const next = new Map(records);
      if (entry) next.set(canonical(name), entry);
      else next.delete(canonical(name));
      records = next;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    get queries() {
      return queries;
    },
    clearQueries() {
      queries.length = 0;
    },
    async stop() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        tcp ? new Promise<void>((resolve) => tcp!.close(() => resolve())) : undefined,
      ]);
    },
  };
}
