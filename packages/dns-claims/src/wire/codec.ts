// A small DNS message codec (RFC 1035, EDNS0 from RFC 6891): just what a TXT/CNAME client
// needs. dns2's Packet decodes each TXT character-string to UTF-8 on its own, which breaks a
// multi-byte character split across two chunks; here a record's chunks stay bytes until they
// are joined. dns-packet keeps them bytes too, but reads a datagram cut short as shorter data
// and loses label boundaries in names: the README says why this codec stays.
import { DnsClaimsError } from '../errors.js';

/** Record types this client asks for or reads. */
export const RecordType = { A: 1, CNAME: 5, TXT: 16, OPT: 41 } as const;

/** The Internet class. */
export const CLASS_IN = 1;

/** Response codes this client tells apart (RFC 1035 §4.1.1). */
export const Rcode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
} as const;

export interface DnsQuestion {
  /** Lowercase, no trailing dot. */
  name: string;
  type: number;
  class: number;
}

export interface DnsRecord {
  /** Owner name: lowercase, no trailing dot. */
  name: string;
  type: number;
  class: number;
  ttl: number;
  /** CNAME records: the target, lowercase, no trailing dot. */
  target?: string;
  /** TXT records: the character-strings, as bytes. */
  chunks?: Uint8Array[];
}

export interface DnsMessage {
  id: number;
  /** 1 for a response. */
  qr: number;
  opcode: number;
  /** Truncated: the answer did not fit, ask again over TCP. */
  tc: boolean;
  /** The response code, with the EDNS extended bits merged in. */
  rcode: number;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
}

export interface EncodeQueryOptions {
  id: number;
  name: string;
  type: number;
  /** Advertise this UDP payload size in an EDNS0 OPT record; 0 sends no OPT. */
  ednsPayloadSize: number;
}

const MAX_NAME_OCTETS = 255;
const MAX_LABEL_OCTETS = 63;
const MAX_POINTER_JUMPS = 64;

function malformed(message: string): DnsClaimsError {
  return new DnsClaimsError('wire.malformed', `malformed DNS message: ${message}`);
}

function encodeName(name: string): number[] {
  const out: number[] = [];
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  if (trimmed.length > 0) {
    for (const label of trimmed.split('.')) {
      if (label.length === 0 || label.length > MAX_LABEL_OCTETS || /[^\x21-\x7e]/.test(label)) {
        throw new DnsClaimsError(
          'wire.name',
          `cannot send ${JSON.stringify(name)}: labels are 1 to 63 printable ASCII characters`,
        );
      }
      out.push(label.length);
      for (let i = 0; i < label.length; i++) out.push(label.charCodeAt(i));
    }
  }
  out.push(0);
  if (out.length > MAX_NAME_OCTETS) {
    throw new DnsClaimsError(
      'wire.name',
      `cannot send ${JSON.stringify(name)}: a name has at most 255 octets on the wire, this one ${out.length}`,
    );
  }
  return out;
}

function u16(out: number[], value: number): void {
  out.push((value >>> 8) & 0xff, value & 0xff);
}

/** Builds a recursive query (RD set) for one name and type, with an EDNS0 OPT record if asked. */
export function encodeQuery(options: EncodeQueryOptions): Uint8Array {
  const out: number[] = [];
  u16(out, options.id);
  u16(out, 0x0100); // QR=0, OPCODE=QUERY, RD=1
  u16(out, 1); // QDCOUNT
  u16(out, 0); // ANCOUNT
  u16(out, 0); // NSCOUNT
  u16(out, options.ednsPayloadSize > 0 ? 1 : 0); // ARCOUNT
  out.push(...encodeName(options.name));
  u16(out, options.type);
  u16(out, CLASS_IN);
  if (options.ednsPayloadSize > 0) {
    out.push(0); // root owner name
    u16(out, RecordType.OPT);
    u16(out, options.ednsPayloadSize); // CLASS carries the payload size
    u16(out, 0); // TTL: extended RCODE 0, version 0
    u16(out, 0); // TTL: flags (DO clear)
    u16(out, 0); // RDLENGTH
  }
  return Uint8Array.from(out);
}

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  need(count: number, what: string): void {
    if (this.offset + count > this.bytes.length) {
      throw malformed(`${what} runs past the end of the ${this.bytes.length}-octet message`);
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.offset++]!;
  }

  u16(what: string): number {
    this.need(2, what);
    const value = (this.bytes[this.offset]! << 8) | this.bytes[this.offset + 1]!;
    this.offset += 2;
    return value;
  }

  u32(what: string): number {
    return this.u16(what) * 0x10000 + this.u16(what);
  }

  /** Reads a possibly compressed name; the reader ends after the name's in-place bytes. */
  name(): string {
    const labels: string[] = [];
    let position = this.offset;
    let resumeAt = -1;
    let octets = 1;
    for (let jumps = 0; ; ) {
      if (position >= this.bytes.length) throw malformed('a name runs past the end');
      const length = this.bytes[position]!;
      if (length === 0) {
        position += 1;
        break;
      }
      if ((length & 0xc0) === 0xc0) {
        if (position + 1 >= this.bytes.length) throw malformed('a name pointer is cut off');
        const target = ((length & 0x3f) << 8) | this.bytes[position + 1]!;
        // Pointers must go backwards; that alone rules out loops, the jump cap is a backstop.
        if (target >= position || ++jumps > MAX_POINTER_JUMPS) {
          throw malformed('a name pointer does not point to an earlier name');
        }
        if (resumeAt < 0) resumeAt = position + 2;
        position = target;
        continue;
      }
      if ((length & 0xc0) !== 0) throw malformed(`label length byte 0x${length.toString(16)}`);
      octets += length + 1;
      if (octets > MAX_NAME_OCTETS) throw malformed('a name longer than 255 octets');
      if (position + 1 + length > this.bytes.length) throw malformed('a label runs past the end');
      labels.push(presentLabel(this.bytes.subarray(position + 1, position + 1 + length)));
      position += 1 + length;
    }
    this.offset = resumeAt >= 0 ? resumeAt : position;
    return labels.join('.');
  }
}

// Lowercase ASCII; anything that would make the text ambiguous is escaped as \DDD, as in
// zone files, so a label holding a dot can never pass for two labels.
function presentLabel(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    if (byte > 0x20 && byte < 0x7f && byte !== 0x2e && byte !== 0x5c) {
      text += String.fromCharCode(byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte);
    } else {
      text += `\\${byte.toString().padStart(3, '0')}`;
    }
  }
  return text;
}

function readRecord(reader: Reader, decodeData: boolean): DnsRecord {
  const name = reader.name();
  const type = reader.u16('a record type');
  const klass = reader.u16('a record class');
  const ttl = reader.u32('a record TTL');
  const length = reader.u16('a record length');
  reader.need(length, 'record data');
  const start = reader.offset;
  const end = start + length;
  const record: DnsRecord = { name, type, class: klass, ttl };
  if (decodeData && type === RecordType.CNAME) {
    record.target = reader.name();
    if (reader.offset !== end) throw malformed(`the CNAME data of ${name} has a wrong length`);
  } else if (decodeData && type === RecordType.TXT) {
    const chunks: Uint8Array[] = [];
    let at = start;
    while (at < end) {
      const size = reader.bytes[at]!;
      if (at + 1 + size > end) throw malformed(`a TXT string of ${name} overruns its record`);
      chunks.push(reader.bytes.slice(at + 1, at + 1 + size));
      at += 1 + size;
    }
    record.chunks = chunks;
  }
  reader.offset = end;
  return record;
}

/**
 * Decodes a DNS message. Answers carry CNAME targets and TXT chunks; other records keep only
 * their header fields.
 *
 * @throws DnsClaimsError `wire.malformed` when the message cannot be read.
 */
export function decodeMessage(bytes: Uint8Array): DnsMessage {
  const reader = new Reader(bytes);
  const id = reader.u16('the header');
  const flags = reader.u16('the header');
  const counts = [0, 0, 0, 0].map(() => reader.u16('the header')) as [
    number,
    number,
    number,
    number,
  ];
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < counts[0]; i++) {
    questions.push({
      name: reader.name(),
      type: reader.u16('a question'),
      class: reader.u16('a question'),
    });
  }
  const sections: DnsRecord[][] = [[], [], []];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]!; i++) sections[s]!.push(readRecord(reader, s === 0));
  }
  const [answers, authorities, additionals] = sections as [DnsRecord[], DnsRecord[], DnsRecord[]];
  let rcode = flags & 0x0f;
  // RFC 6891 §6.1.3: the OPT TTL's top byte holds the upper eight bits of a 12-bit RCODE.
  const opt = additionals.find((record) => record.type === RecordType.OPT);
  if (opt) rcode |= (opt.ttl >>> 24) << 4;
  return {
    id,
    qr: flags >>> 15,
    opcode: (flags >>> 11) & 0x0f,
    tc: (flags & 0x0200) !== 0,
    rcode,
    questions,
    answers,
    authorities,
    additionals,
  };
}
