// A realistic mix against the stack's API on loopback: valid and invalid attests, group reads,
// withdraws and health, the claims served by a local DNS server the stack reaches through
// DNS_SERVERS. Withdrawn groups are claimed and attested again, so the mix never runs dry.
// (apps/httpapi's load bench keeps its mix to itself; this one talks to a running stack.)
import { calculateGroupIdV1 } from '@symval/groupid';
import type { LocalDnsServer } from '@symval/local-services';

const OWNER = 'https://soak.example';

/** The routes, by weight (as in apps/httpapi's load bench). */
export const MIX = [
  ['POST /attest valid', 30],
  ['POST /attest invalid', 20],
  ['GET /groups/{id}', 30],
  ['POST /withdraw', 10],
  ['GET /health', 10],
] as const;
/** One route of the mix. */
export type Route = (typeof MIX)[number][0];

const palindrome = (label: string) => `${label}.ab.ba.${[...label].reverse().join('')}`;
const groupOf = (label: string) => {
  const hostname = palindrome(label);
  return { hostname, id: calculateGroupIdV1(OWNER, 'a', [hostname]) };
};
type Group = ReturnType<typeof groupOf>;
const body = (hostname: string) => ({ owner: OWNER, type: 'palindrome', domains: [hostname] });

/** A deterministic stream of numbers in [0, 1): the same mix in every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Status counts per route. */
export type MixCounts = Record<Route, Record<number, number>>;

/** The mix against `api` (`http://127.0.0.1:<port>/api/v1`), claims published on `dns`. */
export function createApiMix(api: string, dns: LocalDnsServer) {
  const readable = Array.from({ length: 50 }, (_, i) => groupOf(`r${i}`));
  const attestable = Array.from({ length: 200 }, (_, i) => groupOf(`v${i}`));
  // Stored and claimed, ready to withdraw; withdrawn, ready to be claimed and attested again.
  const stored: Group[] = [];
  const withdrawn: Group[] = Array.from({ length: 100 }, (_, i) => groupOf(`w${i}`));
  for (const g of [...readable, ...attestable])
    dns.setRecord(`_suns.${g.hostname}`, { txt: [g.id] });
  const counts = Object.fromEntries(MIX.map(([route]) => [route, {}])) as MixCounts;
  let invalid = 0;

  const post = (path: string, payload: unknown) =>
    fetch(`${api}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
  const attestAgain = async (g: Group) => {
    dns.setRecord(`_suns.${g.hostname}`, { txt: [g.id] });
    const response = await post('/attest', body(g.hostname));
    if (response.status === 200) stored.push(g);
    else withdrawn.push(g);
    return response;
  };
  const send = async (route: Route, random: () => number): Promise<Response> => {
    switch (route) {
      case 'POST /attest valid': {
        const again = withdrawn.shift();
        if (again && random() < 0.5) return attestAgain(again);
        if (again) withdrawn.push(again);
        return post(
          '/attest',
          body(attestable[Math.floor(random() * attestable.length)]!.hostname),
        );
      }
      case 'POST /attest invalid':
        // Half unclaimed (NXDOMAIN, nothing written), half refused input (a 400).
        return (invalid++ & 1) === 0
          ? post('/attest', body(palindrome(`u${invalid}`)))
          : post('/attest', { owner: OWNER, type: 'nonagon', domains: ['x.y'] });
      case 'GET /groups/{id}': {
        const g = readable[Math.floor(random() * readable.length)]!;
        return fetch(`${api}/groups/${encodeURIComponent(g.id)}`);
      }
      case 'POST /withdraw': {
        const g = stored.shift();
        if (!g) return attestAgain(withdrawn.shift()!);
        dns.setRecord(`_suns.${g.hostname}`, undefined);
        const response = await post('/withdraw', body(g.hostname));
        if (response.status === 200) withdrawn.push(g);
        else stored.push(g);
        return response;
      }
      case 'GET /health':
        return fetch(`${api}/health`);
    }
  };
  const pick = (random: () => number): Route => {
    let at = random() * MIX.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [route, weight] of MIX) {
      at -= weight;
      if (at < 0) return route;
    }
    return MIX[0][0];
  };

  return {
    counts,
    /** Stores the groups to read and to withdraw; throws if one is refused. */
    async seed(): Promise<void> {
      for (const g of readable) {
        const response = await post('/attest', body(g.hostname));
        if (response.status !== 200)
          throw new Error(`seeding ${g.hostname}: ${response.status} ${await response.text()}`);
      }
      for (const g of withdrawn.splice(0)) await attestAgain(g);
      if (withdrawn.length > 0)
        throw new Error(`seeding: ${withdrawn.length} withdrawable groups refused`);
    },
    /** One virtual user: a request at most every `gapMs`, until `stop()` says so. */
    async user(seed: number, gapMs: number, stop: () => boolean): Promise<void> {
      const random = mulberry32(seed);
      while (!stop()) {
        const route = pick(random);
        const started = performance.now();
        const response = await send(route, random);
        await response.arrayBuffer();
        counts[route][response.status] = (counts[route][response.status] ?? 0) + 1;
        const left = gapMs - (performance.now() - started);
        if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
      }
    },
  };
}
