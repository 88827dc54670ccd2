// Encode+decode speed of our wire codec (src/wire) against the npm package dns-packet on the
// same work in the same run: one TXT query with an EDNS0 OPT record encoded, and one answer
// (question, CNAME, two TXT records of group IDs, OPT) decoded. The answer's bytes come from
// dns-packet's own encoder, and the bench first checks that both decoders read the same data.
import os from 'node:os';
import packet from 'dns-packet';
import { decodeMessage, encodeQuery, RecordType } from '../src/wire/codec.js';

const NAME = '_suns.me.example.com';
const TARGET = '_suns.claims.example.net';
const IDS = [
  'v1:e:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=',
  'v1:a:Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg=:YmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXhxdXU=',
];
// @types/dns-packet types the OPT record as decoded, so every field is spelled out here.
const opt: packet.OptAnswer = {
  type: 'OPT',
  name: '.',
  udpPayloadSize: 1232,
  extendedRcode: 0,
  ednsVersion: 0,
  flags: 0,
  flag_do: false,
  options: [],
};
const answer = packet.encode({
  type: 'response',
  id: 0xbeef,
  flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE,
  questions: [{ type: 'TXT', class: 'IN', name: NAME }],
  answers: [
    { type: 'CNAME', class: 'IN', name: NAME, ttl: 300, data: TARGET },
    // The second record split in two character-strings, as long records are.
    { type: 'TXT', class: 'IN', name: TARGET, ttl: 300, data: [IDS[0]!] },
    {
      type: 'TXT',
      class: 'IN',
      name: TARGET,
      ttl: 300,
      data: [IDS[1]!.slice(0, 50), IDS[1]!.slice(50)],
    },
  ],
  additionals: [opt],
});

const ourEncode = (id: number) =>
  encodeQuery({ id, name: NAME, type: RecordType.TXT, ednsPayloadSize: 1232 }).length;
const theirEncode = (id: number) =>
  packet.encode({
    type: 'query',
    id,
    flags: packet.RECURSION_DESIRED,
    questions: [{ type: 'TXT', class: 'IN', name: NAME }],
    additionals: [opt],
  }).length;
const ourDecode = () => decodeMessage(answer).answers.length;
const theirDecode = () => packet.decode(answer).answers?.length ?? 0;

// Both must read the same TXT bytes, or the comparison means nothing.
const joined = (chunks: readonly Uint8Array[]) => Buffer.concat(chunks).toString('utf8');
const ourTxt = decodeMessage(answer)
  .answers.filter((r) => r.type === RecordType.TXT)
  .map((r) => joined(r.chunks!));
const theirTxt = (packet.decode(answer).answers ?? [])
  .filter((r) => r.type === 'TXT')
  .map((r) => joined((r as { data: Buffer[] }).data));
if (
  JSON.stringify(ourTxt) !== JSON.stringify(IDS) ||
  JSON.stringify(theirTxt) !== JSON.stringify(IDS)
) {
  throw new Error(`the decoders disagree: ${JSON.stringify({ ourTxt, theirTxt })}`);
}
const ourQuery = Buffer.from(encodeQuery({ id: 7, name: NAME, type: 16, ednsPayloadSize: 1232 }));
const theirQuery = packet.encode({
  type: 'query',
  id: 7,
  flags: packet.RECURSION_DESIRED,
  questions: [{ type: 'TXT', class: 'IN', name: NAME }],
  additionals: [opt],
});
if (!ourQuery.equals(theirQuery)) throw new Error('the encoders write different queries');

const ROUNDS = 7;
const PER_ROUND = 100_000;

// Milliseconds for PER_ROUND encode+decode pairs.
function round(fn: (id: number) => number): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < PER_ROUND; i++) sink += fn(i & 0xffff);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (sink === 0) throw new Error('unreachable');
  return ms;
}

// Each case: [label, ours, theirs]; "encode+decode" is the pair a lookup does.
const CASES: Array<[string, (id: number) => number, (id: number) => number]> = [
  ['encode query', ourEncode, theirEncode],
  ['decode answer', ourDecode, theirDecode],
  ['encode+decode', (id) => ourEncode(id) + ourDecode(), (id) => theirEncode(id) + theirDecode()],
];

const cpus = os.cpus();
console.log(
  `dns-claims codec bench on ${cpus[0]?.model ?? 'unknown cpu'} x${cpus.length}, node ${process.version}`,
);
const rate = (ms: number) =>
  Math.round(PER_ROUND / (ms / 1000))
    .toLocaleString('en')
    .padStart(9);
for (const [label, ours, theirs] of CASES) {
  for (let i = 0; i < 3; i++) {
    round(ours);
    round(theirs);
  }
  // Rounds alternate so that load from other work falls on both alike; the best round counts.
  let bestOurs = Number.POSITIVE_INFINITY;
  let bestTheirs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ROUNDS; i++) {
    bestOurs = Math.min(bestOurs, round(ours));
    bestTheirs = Math.min(bestTheirs, round(theirs));
  }
  console.log(
    `${label.padEnd(14)} src/wire ${rate(bestOurs)}/s, dns-packet ${rate(bestTheirs)}/s, ratio ${(bestTheirs / bestOurs).toFixed(2)}x`,
  );
}
