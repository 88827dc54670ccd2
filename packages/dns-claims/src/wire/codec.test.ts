import { describe, expect, it } from 'vitest';
import { DnsClaimsError } from '../errors.js';
import { decodeMessage, encodeQuery, RecordType } from './codec.js';

// Writes a message by hand so the decoder is checked against bytes, not against itself.
function bytes(...parts: Array<number | string | number[]>): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') out.push((part >>> 8) & 0xff, part & 0xff);
    else if (typeof part === 'string') out.push(...Buffer.from(part, 'latin1'));
    else out.push(...part);
  }
  return Uint8Array.from(out);
}
const name = (...labels: string[]) => [
  ...labels.flatMap((label) => [label.length, ...Buffer.from(label, 'latin1')]),
  0,
];
const header = (id: number, flags: number, qd: number, an: number, ns = 0, ar = 0) => [
  ...bytes(id, flags, qd, an, ns, ar),
];

function malformed(input: Uint8Array): string {
  try {
    decodeMessage(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DnsClaimsError);
    expect((error as DnsClaimsError).code).toBe('wire.malformed');
    return (error as DnsClaimsError).message;
  }
  throw new Error('expected a malformed-message error');
}

describe('encodeQuery', () => {
  it('writes a recursive TXT query with an EDNS0 OPT record advertising the payload size', () => {
    const query = encodeQuery({
      id: 0xbeef,
      name: '_suns.zq.su',
      type: RecordType.TXT,
      ednsPayloadSize: 1232,
    });
    expect([...query]).toEqual([
      ...bytes(0xbeef, 0x0100, 1, 0, 0, 1),
      ...name('_suns', 'zq', 'su'),
      ...bytes(16, 1),
      0,
      ...bytes(41, 1232, 0, 0, 0),
    ]);
  });

  it('leaves out the OPT record when the payload size is 0', () => {
    const query = encodeQuery({ id: 1, name: 'a.b', type: RecordType.TXT, ednsPayloadSize: 0 });
    expect([...query]).toEqual([
      ...bytes(1, 0x0100, 1, 0, 0, 0),
      ...name('a', 'b'),
      ...bytes(16, 1),
    ]);
  });

  it('refuses names with empty or overlong labels or more than 255 octets', () => {
    const send = (n: string) => () => encodeQuery({ id: 1, name: n, type: 16, ednsPayloadSize: 0 });
    expect(send('a..b')).toThrow(/labels are 1 to 63/);
    expect(send(`${'a'.repeat(64)}.b`)).toThrow(/labels are 1 to 63/);
    expect(send(Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.'))).toThrow(/255 octets/);
  });
});

describe('decodeMessage', () => {
  it('reads a response with compressed names, a CNAME and a TXT record split in chunks', () => {
    // offset 12: question name _suns.a.example
    const message = bytes(
      header(7, 0x8180, 1, 2),
      name('_suns', 'a', 'example'),
      [0, 16, 0, 1],
      [0xc0, 12], // answer 1 owner: pointer to the question name
      [0, 5, 0, 1, 0, 0, 0, 60],
      [0, 4],
      [1, 0x62, 0xc0, 18], // "b" + pointer to "a.example"... (offset 18 is the label "a")
      [0xc0, 18],
      [0, 16, 0, 1, 0, 0, 0, 60],
      [0, 7],
      [2, 0x68, 0x69, 3, 0x61, 0x62, 0x63],
    );
    const decoded = decodeMessage(message);
    expect(decoded).toMatchObject({ id: 7, qr: 1, tc: false, rcode: 0 });
    expect(decoded.questions).toEqual([{ name: '_suns.a.example', type: 16, class: 1 }]);
    expect(decoded.answers[0]).toMatchObject({
      name: '_suns.a.example',
      type: 5,
      target: 'b.a.example',
    });
    expect(decoded.answers[1]!.name).toBe('a.example');
    expect(decoded.answers[1]!.chunks!.map((c) => Buffer.from(c).toString())).toEqual([
      'hi',
      'abc',
    ]);
  });

  it('lowercases names and escapes dots, backslashes and unprintable bytes inside labels', () => {
    const message = bytes(
      header(1, 0x8000, 1, 0),
      [5, 0x41, 0x2e, 0x5c, 0x20, 0xff, 0],
      [0, 16, 0, 1],
    );
    expect(decodeMessage(message).questions[0]!.name).toBe('a\\046\\092\\032\\255');
  });

  it('reads the truncation bit and merges the EDNS extended response code', () => {
    const message = bytes(
      header(1, 0x8200 | 0x0, 0, 0, 0, 1),
      [0],
      [0, 41, 0x10, 0],
      [0x01, 0, 0, 0],
      [0, 0],
    );
    expect(decodeMessage(message)).toMatchObject({ tc: true, rcode: 16 });
  });

  it('rejects messages shorter than a header', () => {
    expect(malformed(Uint8Array.from([1, 2, 3]))).toMatch(/header runs past the end/);
  });

  it('rejects a name pointer that points forwards or to itself, which could loop', () => {
    expect(malformed(bytes(header(1, 0x8000, 1, 0), [0xc0, 12], [0, 16, 0, 1]))).toMatch(
      /earlier name/,
    );
    expect(malformed(bytes(header(1, 0x8000, 1, 0), [0xc0, 20], [0, 16, 0, 1]))).toMatch(
      /earlier name/,
    );
  });

  it('rejects a TXT string longer than its record and a record longer than the message', () => {
    const txt = (rdata: number[], length = rdata.length) =>
      bytes(header(1, 0x8000, 0, 1), name('a', 'b'), [0, 16, 0, 1, 0, 0, 0, 1], length, rdata);
    expect(malformed(txt([5, 0x61]))).toMatch(/overruns its record/);
    expect(malformed(txt([1, 0x61], 9))).toMatch(/record data runs past the end/);
  });

  it('rejects a CNAME whose data length does not match the name it holds', () => {
    const cname = (length: number) =>
      bytes(
        header(1, 0x8000, 0, 1),
        name('a', 'b'),
        [0, 5, 0, 1, 0, 0, 0, 1],
        length,
        name('c', 'd'),
      );
    expect(decodeMessage(cname(5)).answers[0]!.target).toBe('c.d');
    expect(malformed(cname(4))).toMatch(/CNAME data of a\.b has a wrong length/);
  });

  it('rejects every answer cut short, instead of reading what is left as shorter TXT data', () => {
    // A datagram cut anywhere must not pass for a shorter claim.
    const whole = bytes(
      header(9, 0x8180, 1, 1),
      name('_suns', 'a', 'example'),
      [0, 16, 0, 1],
      [0xc0, 12],
      [0, 16, 0, 1, 0, 0, 0, 60],
      [0, 9],
      [3, 0x76, 0x31, 0x3a, 4, 0x61, 0x3a, 0x78, 0x79],
    );
    expect(decodeMessage(whole).answers[0]!.chunks!.map((c) => Buffer.from(c).toString())).toEqual([
      'v1:',
      'a:xy',
    ]);
    for (let length = 0; length < whole.length; length++) {
      expect(malformed(whole.subarray(0, length))).toMatch(/malformed DNS message/);
    }
  });

  it('rejects a label length byte with the reserved 01 or 10 prefix', () => {
    expect(malformed(bytes(header(1, 0x8000, 1, 0), [0x41, 0], [0, 16, 0, 1]))).toMatch(/0x41/);
  });

  it('rejects counts that promise more records than the message holds', () => {
    expect(malformed(bytes(header(1, 0x8000, 0, 3)))).toMatch(/runs past the end/);
  });
});
