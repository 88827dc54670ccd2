import { describe, expect, it } from 'vitest';
import { AttestationError } from '../errors.js';
import { createStaticClaimResolver } from './static-resolver.js';

describe('createStaticClaimResolver', () => {
  const resolver = createStaticClaimResolver({
    'ZQ.suns.bz.': ['one', 'two', 'one'],
    'empty.example': [],
    'broken.example': { error: 'servfail' },
    'slow.example': { error: 'timeout', message: 'no answer within 2000 ms' },
    'bücher.example': ['unicode key'],
  });

  it('answers listed hostnames with their records, duplicates dropped, keys and input normalised', async () => {
    expect(await resolver.lookup('zq.SUNS.bz')).toEqual({
      status: 'found',
      name: '_suns.zq.suns.bz',
      records: ['one', 'two'],
    });
    expect(await resolver.lookup('xn--bcher-kva.example')).toMatchObject({
      records: ['unicode key'],
    });
  });

  it('answers none for unlisted hostnames (NXDOMAIN) and for an empty list (NODATA)', async () => {
    expect(await resolver.lookup('other.example')).toEqual({
      status: 'none',
      name: '_suns.other.example',
      detail: '_suns.other.example does not exist (NXDOMAIN)',
    });
    expect(await resolver.lookup('empty.example')).toMatchObject({
      status: 'none',
      detail: /NODATA/,
    });
  });

  it('answers errors with the given code and message', async () => {
    expect(await resolver.lookup('broken.example')).toEqual({
      status: 'error',
      name: '_suns.broken.example',
      code: 'servfail',
      message: 'lookup of _suns.broken.example failed: servfail',
    });
    expect(await resolver.lookup('slow.example')).toMatchObject({
      code: 'timeout',
      message: 'no answer within 2000 ms',
    });
  });

  it('answers an invalid hostname with invalid-hostname and does not log it', async () => {
    const fresh = createStaticClaimResolver({});
    expect(await fresh.lookup('a..b')).toMatchObject({ status: 'error', code: 'invalid-hostname' });
    expect(fresh.lookups).toEqual([]);
  });

  it('logs every lookup in call order', async () => {
    const fresh = createStaticClaimResolver({ 'a.example': ['x'] });
    await fresh.lookup('A.example');
    await fresh.lookup('b.example');
    expect(fresh.lookups).toEqual(['a.example', 'b.example']);
  });

  it('rejects keys that are not hostnames and malformed entries', () => {
    expect(() => createStaticClaimResolver({ 'a..b': [] })).toThrow(AttestationError);
    expect(() => createStaticClaimResolver({ 'a.b': [1] as never })).toThrow(
      /must be an array of strings or \{ error: code \}, received \[1\]/,
    );
    expect(() => createStaticClaimResolver({ 'a.b': 'x' as never })).toThrow(/received "x"/);
  });
});
