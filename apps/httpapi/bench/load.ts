// The load test: a realistic mix of requests for a bounded time against the API as deployed
// (createConfiguredApp: records table, shared rate limit, Router-keyed clients) served by the
// Node server on loopback, DNS from the local server, DynamoDB Local behind a fault proxy. Three
// phases: normal, the store throttled (every DynamoDB request answered ThrottlingException),
// recovered. It checks its own figures: no 5xx in the normal and recovered phases, and while
// throttled every 5xx a 503 with Retry-After. It returns whether the checks held.
import os from 'node:os';
import {
  CreateTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { calculateGroupIdV1 } from '@symval/groupid';
import {
  dynamoDbClientConfig,
  startDnsServer,
  startDynamoDbLocal,
  startFaultProxy,
  uniqueName,
} from '@symval/local-services';
import { recordsTableInput } from '@symval/records';
import { API_DYNAMODB_CLIENT_CONFIG, createConfiguredApp } from '../src/app/production.js';
import { ROUTER_SECRET_HEADER, VIEWER_ADDRESS_HEADER } from '../src/client/client-key.js';
import { startServer } from '../src/node/start-server.js';
import type { AppLogger } from '../src/observability/logger.js';
import { createMemoryMetrics } from '../src/observability/metrics.js';
import { rateLimitTableInput, rateLimitTimeToLiveInput } from '../src/rate-limit/table.js';
import { type Sample, type Summary, summarise } from './stats.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const THROTTLED_SECONDS = Math.max(5, Math.round(SECONDS / 2));
const USERS = 16;
const OWNER = 'https://load.example';
const SECRET = 'LoadBenchRouterSecret-0123456789abcdef';
const READABLE = 100;
const WITHDRAWABLE = 600;

// The mix, by weight: what a club's API sees (the site polling groups, members attesting,
// tools sending bad input, a few withdrawals, health checks).
const MIX = [
  ['POST /attest valid', 30],
  ['POST /attest invalid', 20],
  ['GET /groups/{id}', 30],
  ['POST /withdraw', 10],
  ['GET /health', 10],
] as const;
type Route = (typeof MIX)[number][0];

const palindrome = (label: string) => `${label}.ab.ba.${[...label].reverse().join('')}`;
const groupOf = (label: string) => {
  const hostname = palindrome(label);
  return { hostname, id: calculateGroupIdV1(OWNER, 'a', [hostname]) };
};

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

const silent: AppLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Runs the three phases, prints the figures, and says whether every check held. */
export async function runLoad(): Promise<boolean> {
  const ddb = await startDynamoDbLocal();
  const direct = new DynamoDBClient(dynamoDbClientConfig(ddb));
  const tableName = uniqueName('load');
  const rateLimitTableName = uniqueName('load-rate-limits');
  await direct.send(new CreateTableCommand(recordsTableInput({ tableName })));
  await direct.send(new CreateTableCommand(rateLimitTableInput({ tableName: rateLimitTableName })));
  await direct.send(
    new UpdateTimeToLiveCommand(rateLimitTimeToLiveInput({ tableName: rateLimitTableName })),
  );
  const proxy = await startFaultProxy({ target: ddb, kind: 'dynamodb', seed: 18 });
  const dynamo = new DynamoDBClient({
    ...dynamoDbClientConfig(ddb),
    ...API_DYNAMODB_CLIENT_CONFIG,
    endpoint: proxy.endpoint,
  });

  const readable = Array.from({ length: READABLE }, (_, i) => groupOf(`r${i}`));
  const attestable = Array.from({ length: 400 }, (_, i) => groupOf(`v${i}`));
  const withdrawable = Array.from({ length: WITHDRAWABLE }, (_, i) => groupOf(`w${i}`));
  const claimed = [...readable, ...attestable, ...withdrawable];
  const dns = await startDnsServer(
    Object.fromEntries(claimed.map((g) => [`_suns.${g.hostname}`, { txt: [g.id] }])),
  );
  const metrics = createMemoryMetrics();
  const app = createConfiguredApp(
    {
      tableName,
      siteOrigins: ['*'],
      dnsServers: [dns.address],
      // Counted in the shared table like any request, high enough that the mix is not refused.
      rateLimit: { count: 1_000_000, windowSeconds: 60 },
      rateLimitTableName,
      routerSecrets: [SECRET],
    },
    { dynamoDb: dynamo, logger: silent, metrics },
  );
  const server = await startServer({ app, port: 0 });

  // Each virtual user is its own viewer behind the Router.
  const send = (user: number, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        [ROUTER_SECRET_HEADER]: SECRET,
        [VIEWER_ADDRESS_HEADER]: `198.51.100.${user + 1}:${40_000 + user}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const attestBody = (hostname: string) => ({
    owner: OWNER,
    type: 'palindrome',
    domains: [hostname],
  });

  let nextWithdrawal = 0;
  let invalid = 0;
  const request = async (route: Route, user: number, random: () => number) => {
    switch (route) {
      case 'POST /attest valid':
        return send(
          user,
          '/api/v1/attest',
          attestBody(attestable[Math.floor(random() * attestable.length)]!.hostname),
        );
      case 'POST /attest invalid':
        // Half unclaimed (one DNS query, NXDOMAIN, nothing written), half refused input.
        return (invalid++ & 1) === 0
          ? send(user, '/api/v1/attest', attestBody(palindrome(`u${invalid}`)))
          : send(user, '/api/v1/attest', { owner: OWNER, type: 'nonagon', domains: ['x.y'] });
      case 'GET /groups/{id}': {
        const group = readable[Math.floor(random() * readable.length)]!;
        return send(user, `/api/v1/groups/${encodeURIComponent(group.id)}`);
      }
      case 'POST /withdraw': {
        // Each withdrawable group once, in order; past the pool, a withdrawal answers 404.
        const group = withdrawable[nextWithdrawal++ % withdrawable.length]!;
        return send(user, '/api/v1/withdraw', attestBody(group.hostname));
      }
      case 'GET /health':
        return send(user, '/api/v1/health');
    }
  };
  const pick = (random: () => number): Route => {
    const total = MIX.reduce((sum, [, weight]) => sum + weight, 0);
    let at = random() * total;
    for (const [route, weight] of MIX) {
      at -= weight;
      if (at < 0) return route;
    }
    return MIX[0][0];
  };

  const phase = async (seconds: number, seed: number): Promise<Sample[]> => {
    const samples: Sample[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: USERS }, async (_, user) => {
        const random = mulberry32(seed * 100 + user);
        while (performance.now() < until) {
          const route = pick(random);
          const started = performance.now();
          const response = await request(route, user, random);
          await response.arrayBuffer();
          samples.push({
            route,
            status: response.status,
            ms: performance.now() - started,
            at: started,
            retryAfter: response.headers.get('retry-after'),
          });
        }
      }),
    );
    return samples;
  };

  try {
    // Setup, which doubles as the warm-up: store the groups to read and to withdraw through
    // the API, then take the withdrawable groups' claims away.
    const toSeed = [...readable, ...withdrawable];
    const refused: string[] = [];
    await Promise.all(
      Array.from({ length: USERS }, async (_, user) => {
        for (let g = toSeed.pop(); g !== undefined; g = toSeed.pop()) {
          // A client that is told to retry later does: at most three tries per group.
          for (let attempt = 1; ; attempt++) {
            const response = await send(user, '/api/v1/attest', attestBody(g.hostname));
            const text = await response.text();
            const wait = Number(response.headers.get('retry-after'));
            if (response.status === 200) break;
            if (response.status !== 503 || attempt === 3) {
              refused.push(`${response.status} ${text.slice(0, 200)}`);
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, wait * 1000));
          }
        }
      }),
    );
    if (refused.length > 0) throw new Error(`seeding failed: ${JSON.stringify(refused)}`);
    for (const g of withdrawable) dns.setRecord(`_suns.${g.hostname}`, undefined);

    const normal = summarise(await phase(SECONDS, 1), SECONDS);
    proxy.setRules([
      { match: '*', probability: 1, fault: { type: 'error', code: 'ThrottlingException' } },
    ]);
    const throttledAt = performance.now();
    const throttled = summarise(await phase(THROTTLED_SECONDS, 2), THROTTLED_SECONDS);
    const injected = proxy.stats.injected;
    proxy.setRules([]);
    const recoveredAt = performance.now();
    const recoveredSamples = await phase(THROTTLED_SECONDS, 3);
    const recovered = summarise(recoveredSamples, THROTTLED_SECONDS);
    const firstStored = recoveredSamples
      .filter((s) => s.route === 'POST /attest valid' && s.status === 200)
      .map((s) => s.at + s.ms)
      .sort((a, b) => a - b)[0];

    const cpus = os.cpus();
    console.log('\nload: a mix of routes through the Node server on loopback');
    console.log(
      `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    console.log(
      `${USERS} users, each a viewer behind the Router; mix ${MIX.map(([r, w]) => `${r} ${w}%`).join(', ')}; DynamoDB Local behind a pass-through fault proxy`,
    );
    printPhase(`normal, ${SECONDS} s`, normal);
    printPhase(
      `store throttled (every DynamoDB request ThrottlingException), ${THROTTLED_SECONDS} s; ${injected} faults injected, ${metrics.events.filter((e) => e.name === 'rateLimitStoreFailed').length} rate-limit decisions made in the instance`,
      throttled,
    );
    printPhase(`recovered, ${THROTTLED_SECONDS} s`, recovered);
    console.log(
      `recovery: the first valid attest was stored ${firstStored === undefined ? 'never' : `${((firstStored - recoveredAt) / 1000).toFixed(2)} s`} after the throttling ended (${((recoveredAt - throttledAt) / 1000).toFixed(1)} s after it began)`,
    );

    const failures = [
      ...check('normal', normal, { allow503: false, need503: false }),
      ...check('throttled', throttled, { allow503: true, need503: true }),
      ...check('recovered', recovered, { allow503: false, need503: false }),
      ...(firstStored === undefined ? ['recovered: no valid attest was stored'] : []),
    ];
    for (const failure of failures) console.log(`CHECK FAILED: ${failure}`);
    if (failures.length === 0) {
      console.log(
        'checks: no 5xx when the store answers; while it is throttled every 5xx is a 503 with Retry-After; valid attests are stored again once it answers',
      );
    }
    return failures.length === 0;
  } finally {
    await server.close();
    await proxy.stop();
    await dns.stop();
    dynamo.destroy();
    direct.destroy();
    await ddb.stop();
  }
}

function printPhase(title: string, summary: Summary): void {
  console.log(`\n${title}: ${summary.perSecond.toFixed(0)} req/s in all`);
  for (const route of summary.routes) {
    console.log(
      `  ${route.route.padEnd(22)} ${route.perSecond.toFixed(1).padStart(7)} req/s   p50 ${route.p50.toFixed(1).padStart(7)} ms   p99 ${route.p99.toFixed(1).padStart(7)} ms   ${JSON.stringify(route.statuses)}`,
    );
  }
}

function check(
  name: string,
  summary: Summary,
  rules: { allow503: boolean; need503: boolean },
): string[] {
  const problems: string[] = [];
  const fivexx = summary.samples.filter((s) => s.status >= 500);
  const not503 = fivexx.filter((s) => s.status !== 503);
  if (not503.length > 0) {
    problems.push(
      `${name}: ${not503.length} answers 5xx other than 503 (${not503[0]!.route} ${not503[0]!.status})`,
    );
  }
  const unavailable = fivexx.filter((s) => s.status === 503);
  if (!rules.allow503 && unavailable.length > 0) {
    problems.push(`${name}: ${unavailable.length} answers 503 (${unavailable[0]!.route})`);
  }
  if (rules.need503 && unavailable.length === 0) problems.push(`${name}: no 503 at all`);
  const bare = unavailable.filter((s) => s.retryAfter === null);
  if (bare.length > 0) problems.push(`${name}: ${bare.length} answers 503 without Retry-After`);
  if (summary.samples.length === 0) problems.push(`${name}: no request finished`);
  return problems;
}
