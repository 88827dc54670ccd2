// The README's example, run against this package's sources and a DNS server on loopback.
import { fileURLToPath } from 'node:url';
import { startDnsServer } from '@symval/local-services';
import { describe, expect, it } from 'vitest';
import { readmeBlocks, runReadmeBlock } from '../../../scripts/readme-example.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('README', () => {
  it('finds the claim, says when there is none and when DNS failed', async () => {
    const [usage] = await readmeBlocks(root);
    const dns = await startDnsServer({ '_suns.zq.suns.bz': { txt: [['v1:b:first-', 'second']] } });
    try {
      const run = () =>
        runReadmeBlock(root, usage ?? '', {
          replace: { 'process.env.DNS_SERVERS': JSON.stringify(dns.address) },
        });
      expect(await run()).toEqual(["[ 'v1:b:first-second' ] undefined"]);
      dns.setRecord('_suns.zq.suns.bz', undefined);
      expect(await run()).toEqual(['no claim: _suns.zq.suns.bz does not exist (NXDOMAIN)']);
      dns.setRecord('zq.suns.bz', { behaviour: 'servfail' });
      dns.setRecord('_suns.zq.suns.bz', { behaviour: 'servfail' });
      const failed = await run();
      expect(failed[0]).toMatch(/^DNS failed \(servfail\): /);
    } finally {
      await dns.stop();
    }
  });
});
