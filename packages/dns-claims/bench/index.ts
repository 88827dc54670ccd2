// Claim lookups per second against the fixture DNS server (no added delay), compared with
// Node's own resolver (c-ares, `dns.promises.Resolver#resolveTxt`) on the same names in the
// same run. Node's resolver cannot see CNAMEs, so this measures the cost of doing DNS here.
import { Resolver } from 'node:dns/promises';
import os from 'node:os';
import { startDnsServer } from '@symval/local-services';
import { createDnsClaimResolver } from '../src/index.js';

const NAMES = 2000;
const WIDE = 32;
const names = Array.from({ length: NAMES }, (_, i) => `n${i}.example.com`);
const dns = await startDnsServer(
  Object.fromEntries(names.map((name) => [`_suns.${name}`, { txt: [`v1:a:${name}`] }])),
);

// Runs `task` over every name with `width` workers, returns lookups per second.
async function measure(width: number, task: (name: string) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < names.length) await task(names[next++]!);
    }),
  );
  return names.length / (Number(process.hrtime.bigint() - start) / 1e9);
}

try {
  const cpus = os.cpus();
  console.log(
    `dns-claims bench on ${cpus[0]?.model ?? 'unknown cpu'} x${cpus.length}, node ${process.version}`,
  );
  const claims = createDnsClaimResolver({
    servers: [dns.address],
    concurrency: WIDE,
    timeoutMs: 5000,
    tries: 1,
  });
  const node = new Resolver({ timeout: 5000, tries: 1 });
  node.setServers([dns.address]);
  const ours = async (name: string) => {
    const result = await claims.lookup(name);
    if (result.status !== 'found') throw new Error(`${name}: ${result.status}`);
  };
  const theirs = (name: string) => node.resolveTxt(`_suns.${name}`);
  await measure(WIDE, ours); // warm-up
  await measure(WIDE, theirs);
  for (const width of [1, WIDE]) {
    const a = await measure(width, ours);
    const b = await measure(width, theirs);
    console.log(
      `${String(width).padStart(2)} at a time: dns-claims ${Math.round(a).toLocaleString('en').padStart(6)}/s, node resolver ${Math.round(b).toLocaleString('en').padStart(6)}/s, ratio ${(a / b).toFixed(2)}x`,
    );
  }
} finally {
  await dns.stop();
}
