// Re-attests 1,000 two-hostname groups over real DNS (dns-claims against the fixture server,
// which answers each query after 20 ms), at concurrency 1 and at 64, in one run.
// Targets: concurrency 64 at least 30x faster than 1, and within 1.5x of the floor
// ceil(lookups / 64) x 20 ms.
import os from 'node:os';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { calculateGroupIdV1 } from '@symval/groupid';
import { startDnsServer } from '@symval/local-services';
import { type AttestInput, reattestGroups } from '../src/index.js';

const GROUPS = 1000;
const DELAY_MS = 20;
const WIDE = 64;

const owner = 'https://bench.example';
const groups: AttestInput[] = Array.from({ length: GROUPS }, (_, i) => ({
  owner,
  type: 'e',
  domains: [`m${i}.example.com`, `com.example.m${i}`],
}));
const zones = Object.fromEntries(
  groups.flatMap((group) => {
    const id = calculateGroupIdV1(owner, 'e', group.domains);
    return group.domains.map((domain) => [`_suns.${domain}`, { txt: [id] }]);
  }),
);

const dns = await startDnsServer(zones, { delayMs: DELAY_MS });

async function run(concurrency: number, batch: readonly AttestInput[]) {
  const resolver = createDnsClaimResolver({
    servers: [dns.address],
    concurrency,
    timeoutMs: 5000,
    tries: 1,
  });
  dns.clearQueries();
  const start = process.hrtime.bigint();
  const outcomes = await reattestGroups(batch, { resolver, concurrency });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const notValid = outcomes.filter((outcome) => outcome.result.status !== 'valid').length;
  if (notValid > 0)
    throw new Error(`${notValid} groups were not valid at concurrency ${concurrency}`);
  return { ms, lookups: dns.queries.length };
}

try {
  const cpus = os.cpus();
  console.log(
    `attestation bench on ${cpus[0]?.model ?? 'unknown cpu'} x${cpus.length}, node ${process.version}, load ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );
  console.log(`${GROUPS} mirrornames groups (2 lookups each), DNS answers after ${DELAY_MS} ms`);
  await run(WIDE, groups.slice(0, 100)); // warm-up: JIT, sockets

  const narrow = await run(1, groups);
  console.log(
    `concurrency  1: ${narrow.ms.toFixed(0).padStart(7)} ms for ${narrow.lookups} lookups`,
  );
  const wide = await run(WIDE, groups);
  console.log(
    `concurrency ${WIDE}: ${wide.ms.toFixed(0).padStart(7)} ms for ${wide.lookups} lookups`,
  );

  const speedUp = narrow.ms / wide.ms;
  const floor = Math.ceil(wide.lookups / WIDE) * DELAY_MS;
  const toFloor = wide.ms / floor;
  console.log(
    `speed-up: ${speedUp.toFixed(1)}x (target >= 30x) ${speedUp >= 30 ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `floor ceil(${wide.lookups}/${WIDE}) x ${DELAY_MS} ms = ${floor} ms; concurrency ${WIDE} took ${toFloor.toFixed(2)}x the floor (target <= 1.5x) ${toFloor <= 1.5 ? 'ok' : 'MISSED'}`,
  );
} finally {
  await dns.stop();
}
