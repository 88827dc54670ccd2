// Every ```ts block of the README, each as its own module, against this package's sources;
// the DNS block against a DNS server on loopback that serves its claim.
import { fileURLToPath } from 'node:url';
import { calculateGroupIdV1 } from '@symval/groupid';
import { startDnsServer } from '@symval/local-services';
import { describe, expect, it } from 'vitest';
import { readmeBlocks, runReadmeBlock } from '../../../scripts/readme-example.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('README', () => {
  it('runs every example and prints what its comments say', async () => {
    const dns = await startDnsServer({
      '_suns.zq.suns.bz': {
        txt: [[calculateGroupIdV1('https://me.example', 'b', ['zq.suns.bz'])]],
      },
    });
    try {
      const [usage, overDns, browser, resolverTypes, decide, ...rest] = await readmeBlocks(root);
      expect(rest).toEqual([]);
      const first = await runReadmeBlock(root, usage ?? '');
      expect(first[0]).toBe('valid');
      expect(first.filter((line) => line.includes('hostname:'))).toEqual([
        "    hostname: 'me.example.com',",
        "    hostname: 'com.example.me',",
      ]);
      expect(first.slice(-3)).toEqual([
        '[',
        "  { domain: 'me.example.com', record: 'google-site-verification=abc' }",
        ']',
      ]);
      const replace = { 'process.env.DNS_SERVERS': JSON.stringify(dns.address) };
      expect(await runReadmeBlock(root, overDns ?? '', { replace })).toEqual(['valid []']);
      const types = await runReadmeBlock(root, browser ?? '');
      expect(types).toHaveLength(8);
      expect(types[0]).toBe('a palindrome { ok: true }');
      expect(types.every((line) => line.endsWith('{ ok: true }'))).toBe(true);
      expect(await runReadmeBlock(root, resolverTypes ?? '')).toEqual([]);
      expect(await runReadmeBlock(root, decide ?? '')).toEqual([
        "{ kind: 'delete', status: 'invalid' }",
      ]);
    } finally {
      await dns.stop();
    }
  });
});
