import { describe, expect, it } from 'vitest';
import { computeJoin, splitDomains } from './compute.js';

const EXAMPLE_ID =
  'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=';

describe('computeJoin', () => {
  it('computes the published example and its TXT record', () => {
    const result = computeJoin({
      owner: 'https://example.blog',
      type: 'a',
      domains: 'etutitsni.elpmaxe.example.institute',
    });
    expect(result.groupId).toBe(EXAMPLE_ID);
    expect(result.txtRecords).toEqual([
      {
        hostname: 'etutitsni.elpmaxe.example.institute',
        name: '_suns.etutitsni.elpmaxe.example.institute',
        value: EXAMPLE_ID,
      },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('accepts the type by name and normalises hostnames the way the API does', () => {
    const result = computeJoin({
      owner: 'https://example.blog',
      type: 'Palindrome',
      domains: ' ETUTITSNI.elpmaxe.example.institute. \n',
    });
    expect(result.groupId).toBe(EXAMPLE_ID);
  });

  it('gives one TXT record per hostname, all with the same value', () => {
    const result = computeJoin({
      owner: 'o',
      type: 'e',
      domains: 'me.example.com, com.example.me',
    });
    expect(result.txtRecords.map((r) => r.name)).toEqual([
      '_suns.me.example.com',
      '_suns.com.example.me',
    ]);
    expect(new Set(result.txtRecords.map((r) => r.value)).size).toBe(1);
  });

  it('reports each missing field and computes nothing', () => {
    const result = computeJoin({ owner: '', type: '', domains: '' });
    expect(result.groupId).toBeNull();
    expect(result.problems.map((p) => p.field)).toEqual(['owner', 'type', 'domains']);
  });

  it('reports bad and repeated hostnames in words', () => {
    const result = computeJoin({ owner: 'o', type: 'a', domains: 'a..b\naba.example ABA.example' });
    expect(result.groupId).toBeNull();
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('an empty label'),
      '“aba.example” is listed twice.',
    ]);
  });

  it('keeps the owner exactly as typed, noting surrounding spaces', () => {
    const spaced = computeJoin({
      owner: ' https://example.blog',
      type: 'a',
      domains: 'etutitsni.elpmaxe.example.institute',
    });
    expect(spaced.groupId).not.toBe(EXAMPLE_ID);
    expect(spaced.notes).toEqual([expect.stringContaining('starts or ends with a space')]);
  });
});

describe('splitDomains', () => {
  it('splits on whitespace and commas', () => {
    expect(splitDomains(' a.example,b.example\n\tc.example ,, ')).toEqual([
      'a.example',
      'b.example',
      'c.example',
    ]);
  });
});
