// Just enough of the DNS wire format (RFC 1035 4.1) to name a query and to answer it without
// records. The answers echo the query's own header and question bytes, so the name comes back
// exactly as asked (case included), which resolvers compare; a decode/encode round trip through
// a general DNS library would rebuild them instead.

const TYPE_NAMES: Record<number, string> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  64: 'SVCB',
  65: 'HTTPS',
  255: 'ANY',
  257: 'CAA',
};

/** Record type names the DNS rules accept, besides `TYPE<number>`. */
export const DNS_TYPE_NAMES: readonly string[] = Object.values(TYPE_NAMES);

/** Response codes the proxy sends. */
export const RCODE = { NOERROR: 0, SERVFAIL: 2 } as const;

/** The first question of a DNS message. */
export interface DnsQuestion {
  /** Lowercase, without the trailing dot. */
  name: string;
  type: string;
  /** Where the question section ends (the answer keeps the bytes before it). */
  end: number;
}

/** Reads the question of a query, or undefined when the message is not one the proxy can name. */
export function readQuestion(message: Buffer): DnsQuestion | undefined {
  if (message.length < 12 || message.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    if (offset >= message.length) return undefined;
    const length = message[offset]!;
    offset += 1;
    if (length === 0) break;
    // Compression pointers (0xC0) and extended labels do not occur in a query's first name.
    if (length > 63 || offset + length > message.length) return undefined;
    labels.push(message.toString('latin1', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > message.length) return undefined;
  const type = message.readUInt16BE(offset);
  return {
    name: labels.join('.').toLowerCase(),
    type: TYPE_NAMES[type] ?? `TYPE${type}`,
    end: offset + 4,
  };
}

/**
 * An answer with no records: the query's ID, opcode, RD bit and question, QR and RA set, the given
 * response code, and TC when `truncated` (the client should ask again over TCP).
 */
export function emptyAnswer(
  query: Buffer,
  question: DnsQuestion,
  { rcode, truncated }: { rcode: number; truncated: boolean },
): Buffer {
  const answer = Buffer.from(query.subarray(0, question.end));
  const opcodeAndRd = query[2]! & 0b0111_1001;
  answer[2] = 0x80 | opcodeAndRd | (truncated ? 0x02 : 0);
  answer[3] = 0x80 | (rcode & 0x0f);
  answer.writeUInt16BE(1, 4);
  answer.writeUInt16BE(0, 6);
  answer.writeUInt16BE(0, 8);
  answer.writeUInt16BE(0, 10);
  return answer;
}
