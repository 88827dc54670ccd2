// IDs per second from @symval/groupid against the same work done with node:crypto's
// native SHA-256, measured in the same run.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { calculateGroupIdV1 } from '../src/index.js';

const owner = 'https://example.blog';
const groups = Array.from({ length: 1000 }, (_, i) => [`me${i}.example.com`, `com.example.me${i}`]);

function nodeGroupId(ownerText: string, typeCode: string, hostnames: string[]): string {
  const ownerHash = createHash('sha256').update(ownerText).digest('base64');
  const domainsHash = createHash('sha256')
    .update([...hostnames].sort().join(''))
    .digest('base64');
  return `v1:${typeCode}:${ownerHash}:${domainsHash}`;
}

function measure(label: string, fn: (h: string[]) => string): number {
  // Warm up, then take the best of five rounds of 100,000 IDs.
  for (let i = 0; i < 20_000; i++) fn(groups[i % groups.length]!);
  let best = Number.POSITIVE_INFINITY;
  let sink = 0;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 100_000; i++) sink += fn(groups[i % groups.length]!).length;
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  if (sink === 0) throw new Error('unreachable');
  const perSecond = 100_000 / (best / 1000);
  console.log(
    `${label.padEnd(24)} ${best.toFixed(1).padStart(8)} ms / 100k  ${Math.round(perSecond).toLocaleString('en')} IDs/s`,
  );
  return perSecond;
}

console.log(
  `groupid bench on ${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.cpus().length}, node ${process.version}`,
);
const ours = measure('@symval/groupid', (h) => calculateGroupIdV1(owner, 'e', h));
const native = measure('node:crypto (baseline)', (h) => nodeGroupId(owner, 'e', h));
console.log(
  `ratio: @symval/groupid runs at ${(ours / native).toFixed(2)}x the speed of node:crypto`,
);
