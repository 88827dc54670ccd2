import { describe, expect, it } from 'vitest';
import type { DnsMessage, DnsRecord } from '../wire/codec.js';
import { interpretTxtAnswer, joinTxtRecords } from './interpret.js';

const q = '_suns.a.example';
const enc = (text: string) => new TextEncoder().encode(text);
const txt = (name: string, ...chunks: string[]): DnsRecord => ({
  name,
  type: 16,
  class: 1,
  ttl: 60,
  chunks: chunks.map(enc),
});
const cname = (name: string, target: string): DnsRecord => ({
  name,
  type: 5,
  class: 1,
  ttl: 60,
  target,
});
const answer = (answers: DnsRecord[], rcode = 0): DnsMessage => ({
  id: 1,
  qr: 1,
  opcode: 0,
  tc: false,
  rcode,
  questions: [{ name: q, type: 16, class: 1 }],
  answers,
  authorities: [],
  additionals: [],
});

describe('joinTxtRecords', () => {
  it('joins chunks as bytes, so a character split across two chunks survives', () => {
    const euro = enc('€'); // three bytes
    expect(joinTxtRecords([[Uint8Array.of(0x61, euro[0]!), euro.subarray(1)]])).toEqual(['a€']);
  });

  it('drops exact duplicates but keeps records that differ only in chunking or case', () => {
    expect(joinTxtRecords([[enc('ab')], [enc('a'), enc('b')], [enc('AB')], [enc('ab')]])).toEqual([
      'ab',
      'AB',
    ]);
  });
});

describe('interpretTxtAnswer', () => {
  it('finds TXT records owned by the queried name and ignores records owned by other names', () => {
    expect(
      interpretTxtAnswer(q, answer([txt(q, 'one'), txt('other.example', 'x'), txt(q, 'two')])),
    ).toEqual({
      kind: 'found',
      records: ['one', 'two'],
    });
  });

  it('ignores records outside the IN class', () => {
    const chaos = { ...txt(q, 'x'), class: 3 };
    expect(interpretTxtAnswer(q, answer([chaos]))).toMatchObject({
      kind: 'none',
      reason: 'nodata',
    });
  });

  it('finds records one CNAME hop away and says where', () => {
    expect(interpretTxtAnswer(q, answer([cname(q, 't.example'), txt('t.example', 'v1')]))).toEqual({
      kind: 'found',
      records: ['v1'],
      via: 't.example',
    });
  });

  it('does not follow a chain of two CNAMEs and names the chain', () => {
    const result = interpretTxtAnswer(
      q,
      answer([cname(q, 't.example'), cname('t.example', 'u.example'), txt('u.example', 'v1')]),
    );
    expect(result).toEqual({
      kind: 'none',
      reason: 'cname-chain',
      detail:
        '_suns.a.example → t.example → u.example is a chain of 2 CNAMEs; only one hop is followed',
    });
  });

  it('treats a CNAME loop as a chain, not as a hop', () => {
    const result = interpretTxtAnswer(q, answer([cname(q, 't.example'), cname('t.example', q)]));
    expect(result).toMatchObject({ kind: 'none', reason: 'cname-chain' });
  });

  it('asks for the hop when the answer holds only the CNAME', () => {
    expect(interpretTxtAnswer(q, answer([cname(q, 't.example')]))).toEqual({
      kind: 'cname',
      target: 't.example',
    });
  });

  it('reports a CNAME whose target does not exist as none, not as a hop to take', () => {
    expect(interpretTxtAnswer(q, answer([cname(q, 't.example')], 3))).toEqual({
      kind: 'none',
      reason: 'nxdomain',
      detail: '_suns.a.example → t.example: the CNAME target does not exist (NXDOMAIN)',
    });
  });

  it('tells NXDOMAIN from NODATA', () => {
    expect(interpretTxtAnswer(q, answer([], 3))).toMatchObject({
      kind: 'none',
      reason: 'nxdomain',
    });
    expect(interpretTxtAnswer(q, answer([]))).toMatchObject({ kind: 'none', reason: 'nodata' });
  });
});
