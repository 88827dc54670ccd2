import { describe, expect, it } from 'vitest';
import { siteRedirects } from './names.js';

describe('siteRedirects', () => {
  it('redirects the aliases the main name sits under, and serves the others', () => {
    expect(
      siteRedirects({ domain: 'zq.suns.bz', aliases: ['suns.bz', 'zb.snus.suns.bz'] }),
    ).toEqual({
      mainHost: 'zq.suns.bz',
      redirectHosts: ['suns.bz'],
    });
    // A name that merely ends the same way is not above it.
    expect(siteRedirects({ domain: 'zq.suns.bz', aliases: ['ns.bz'] }).redirectHosts).toEqual([]);
  });

  it('redirects nothing without a domain', () => {
    expect(siteRedirects({})).toEqual({ mainHost: null, redirectHosts: [] });
  });
});
