// The Router's caching of what the snapshot builder publishes, checked against the builder
// itself: every object the real sharded builder writes under records/ is looked up in the
// evaluated distribution as CloudFront would (the first ordered behaviour whose path pattern
// matches, else the default one), and the TTLs of that behaviour's cache policy must keep it
// exactly as long as the object's own Cache-Control says.
import { createHash } from 'node:crypto';
import type { DomainRecord, SymmetryCode } from '@symval/records';
import {
  createMemoryStore,
  createShardedBuilder,
  IMMUTABLE_CACHE_CONTROL,
  INDEX_CACHE_CONTROL,
  WHOLE_FILE_CACHE_CONTROL,
} from '@symval/snapshot-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  LAYOUT_BEHAVIOURS,
  LAYOUT_IMMUTABLE_MAX_AGE_SECONDS,
  LAYOUT_INDEX_MAX_AGE_SECONDS,
  SNAPSHOT_KEY,
  SNAPSHOT_LAYOUT_INDEX_KEY,
  SNAPSHOT_STATE_PREFIX,
} from '../src/index.js';
import { type Deployment, TYPES } from './sst/deployment.js';
import { dev, production } from './sst/shared.js';

interface Behaviour {
  pathPattern?: string;
  targetOriginId: string;
  cachePolicyId: string;
  originRequestPolicyId: string;
  allowedMethods: string[];
  cachedMethods: string[];
  viewerProtocolPolicy: string;
  compress?: boolean;
  functionAssociations?: { eventType: string; functionArn: string }[];
}

interface Policy {
  minTtl: number;
  defaultTtl: number;
  maxTtl: number;
  parametersInCacheKeyAndForwardedToOrigin: {
    headersConfig: { headerBehavior: string; headers?: { items: string[] } };
    queryStringsConfig: { queryStringBehavior: string };
    cookiesConfig: { cookieBehavior: string };
  };
}

const distribution = (run: Deployment) =>
  run.inputs<{ defaultCacheBehavior: Behaviour; orderedCacheBehaviors: Behaviour[] }>(
    TYPES.distribution,
    'RouterCdnDistribution',
  );

/** CloudFront's path patterns: `*` any run of characters (slashes too), `?` one; case-sensitive. */
function matches(pattern: string, path: string): boolean {
  const source = pattern
    .replace(/^\/?/, '/')
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(path);
}

/** The behaviour CloudFront picks for `path`. */
function pick(run: Deployment, path: string): Behaviour {
  const { defaultCacheBehavior, orderedCacheBehaviors } = distribution(run);
  return orderedCacheBehaviors.find((b) => matches(b.pathPattern!, path)) ?? defaultCacheBehavior;
}

/** The behaviour CloudFront picks for `path`, and its cache policy (one of this stage's). */
function behaviourFor(run: Deployment, path: string): { behaviour: Behaviour; policy: Policy } {
  const behaviour = pick(run, path);
  const policy = run.all(TYPES.cachePolicy).find((p) => p.state.id === behaviour.cachePolicyId);
  expect(policy, `the cache policy of ${path}`).toBeDefined();
  return { behaviour, policy: policy!.inputs as unknown as Policy };
}

const maxAge = (cacheControl: string) => Number(/max-age=(\d+)/.exec(cacheControl)?.[1]);
/** The seconds CloudFront keeps an object whose Cache-Control says `max-age`. */
const kept = (policy: Policy, age: number) => Math.min(Math.max(age, policy.minTtl), policy.maxTtl);

const b64 = (text: string) => createHash('sha256').update(text).digest('base64');

/** A club of 24 owners, one group each, as the table holds it. */
function club(): DomainRecord[] {
  return Array.from({ length: 24 }, (_, i) => {
    const owner = `https://member${i}.example`;
    const type: SymmetryCode = i % 2 ? 'a' : 'b';
    const hostname = `m${i}.suns.bz`;
    return {
      owner,
      type,
      hostname,
      groupId: `v1:${type}:${b64(owner)}:${b64(hostname)}`,
      validateTime: new Date('2026-12-01T10:00:00Z'),
      rev: 1,
    } as DomainRecord;
  });
}

/** Every public object the builder writes for a club, with its Cache-Control. */
let published: Map<string, string>;

beforeAll(async () => {
  const store = createMemoryStore();
  const builder = createShardedBuilder({
    store,
    indexKey: SNAPSHOT_LAYOUT_INDEX_KEY,
    statePrefix: SNAPSHOT_STATE_PREFIX,
    wholeKey: SNAPSHOT_KEY,
    // Small shards and nodes, so the layout has several of each and more than one level.
    shape: { leafBits: 1, fanoutBits: 1, salt: '0123456789abcdef0123456789abcdef' },
  });
  await builder.rebuild(club());
  expect(await builder.flush()).toBe(true);
  published = new Map(
    [...store.objects]
      .filter(([key]) => key.startsWith('records/'))
      .map(([key, object]) => [key, object.cacheControl]),
  );
});

describe('the Router’s caching of the published records', () => {
  it('covers every kind of file the builder publishes', () => {
    const kinds = new Set([...published.keys()].map((key) => key.split('/').slice(0, 3).join('/')));
    expect([...kinds].sort()).toEqual([
      'records/domains.json',
      'records/v1/index.json',
      'records/v1/nodes',
      'records/v1/owners',
      'records/v1/shards',
    ]);
    const count = (prefix: string) => [...published.keys()].filter((k) => k.startsWith(prefix));
    expect(count('records/v1/shards/').length).toBeGreaterThan(1);
    expect(count('records/v1/nodes/').length).toBeGreaterThan(0);
  });

  it('keeps each file at the edge exactly as long as the builder’s Cache-Control says', () => {
    for (const run of [dev(), production()]) {
      for (const [key, cacheControl] of published) {
        const { policy } = behaviourFor(run, `/${key}`);
        const age = maxAge(cacheControl);
        expect(Number.isInteger(age), `${key}: ${cacheControl}`).toBe(true);
        expect({ key, kept: kept(policy, age) }).toEqual({ key, kept: age });
      }
    }
  });

  it('keeps shards and nodes a year and the index and owner directory 15 s, even without a header', () => {
    const run = production();
    for (const [key, cacheControl] of published) {
      if (key === SNAPSHOT_KEY) continue;
      const content = /^records\/v1\/(shards|nodes)\//.test(key);
      expect({ key, cacheControl }).toEqual({
        key,
        cacheControl: content ? IMMUTABLE_CACHE_CONTROL : INDEX_CACHE_CONTROL,
      });
      const { policy } = behaviourFor(run, `/${key}`);
      const age = content ? LAYOUT_IMMUTABLE_MAX_AGE_SECONDS : LAYOUT_INDEX_MAX_AGE_SECONDS;
      // A copy S3 served without Cache-Control gets the default TTL: the same.
      expect({ key, ttl: [policy.defaultTtl, policy.maxTtl] }).toEqual({ key, ttl: [age, age] });
    }
    expect(maxAge(IMMUTABLE_CACHE_CONTROL)).toBe(LAYOUT_IMMUTABLE_MAX_AGE_SECONDS);
    expect(IMMUTABLE_CACHE_CONTROL).toContain('immutable');
    expect(maxAge(INDEX_CACHE_CONTROL)).toBe(LAYOUT_INDEX_MAX_AGE_SECONDS);
    // The whole file stays on the default behaviour, which follows its header (60 s).
    expect(published.get(SNAPSHOT_KEY)).toBe(WHOLE_FILE_CACHE_CONTROL);
    expect(pick(run, `/${SNAPSHOT_KEY}`).pathPattern).toBeUndefined();
  });

  it('routes the layout as the default behaviour does: same function, origin and forwarded headers', () => {
    for (const run of [dev(), production()]) {
      const { defaultCacheBehavior, orderedCacheBehaviors } = distribution(run);
      const layout = orderedCacheBehaviors.filter((b) => b.pathPattern!.startsWith('/records/'));
      expect(layout.map((b) => b.pathPattern)).toEqual(LAYOUT_BEHAVIOURS.map((b) => b.pathPattern));
      expect(layout.map((b) => b.pathPattern)).toEqual([
        '/records/v1/shards/*',
        '/records/v1/nodes/*',
        '/records/v1/*',
      ]);
      for (const behaviour of layout) {
        expect(behaviour).toMatchObject({
          targetOriginId: defaultCacheBehavior.targetOriginId,
          viewerProtocolPolicy: 'redirect-to-https',
          originRequestPolicyId: defaultCacheBehavior.originRequestPolicyId,
          functionAssociations: defaultCacheBehavior.functionAssociations,
          compress: true,
          allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
          cachedMethods: ['GET', 'HEAD'],
        });
        expect(behaviour.functionAssociations).toEqual([
          { eventType: 'viewer-request', functionArn: expect.any(String) },
        ]);
      }
    }
  });

  it('keys the layout’s cache on Origin (S3’s CORS answers differ with it) and on nothing else', () => {
    const run = dev();
    for (const path of ['/records/v1/index.json', '/records/v1/shards/x.json']) {
      const keyed = behaviourFor(run, path).policy.parametersInCacheKeyAndForwardedToOrigin;
      expect(keyed).toMatchObject({
        headersConfig: { headerBehavior: 'whitelist', headers: { items: ['origin'] } },
        queryStringsConfig: { queryStringBehavior: 'none' },
        cookiesConfig: { cookieBehavior: 'none' },
      });
    }
  });

  it('leaves the site and the API to their own behaviours', () => {
    const run = production();
    expect(pick(run, '/').pathPattern).toBeUndefined();
    expect(pick(run, '/records-old/index.json').pathPattern).toBeUndefined();
    expect(pick(run, '/records/domains.json').pathPattern).toBeUndefined();
    expect(pick(run, '/api/v1/attest').pathPattern).toBe('/api/*');
    expect(matches('/records/v1/*', '/records/v1/owners/abc.json')).toBe(true);
    expect(matches('/records/v1/*', '/Records/v1/index.json')).toBe(false);
  });
});
