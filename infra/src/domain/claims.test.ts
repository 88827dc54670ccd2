import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_DEPLOY } from '../stage/pinned.js';
import { clubClaimRecords, logicalNameOf } from './claims.js';

/** A v1 group ID computed here with node:crypto, independently of @symval/groupid. */
function groupId(owner: string, type: string, hostnames: string[]): string {
  const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');
  return `v1:${type}:${hash(owner)}:${hash([...hostnames].sort().join(''))}`;
}

describe('the club’s claims on its own names', () => {
  it('are, in production, exactly the TXT values the existing club publishes', () => {
    // The existing club's _suns records (its DNS stack), so the takeover leaves them as they are.
    expect(clubClaimRecords(PRODUCTION_DEPLOY.club!)).toEqual([
      {
        hostname: 'zq.suns.bz',
        name: '_suns.zq.suns.bz',
        values: [
          'v1:b:Adg2VY1R7OIZHMz/Z1uk1lOCe2DtwzXYTpaBHpDEtkU=:AjlAANu+Rl8TYqK0CvGy+S6NIswJmRuEsYSn43MG+2s=',
        ],
      },
      {
        hostname: 'zb.snus.suns.bz',
        name: '_suns.zb.snus.suns.bz',
        values: [
          'v1:a:1TcHFCGUO8ipNQfOLGZ5xs2nnhEsKOqIQkYyXkE9vcE=:jgvt4BDuPrTOIado+FqXJh2eMMF9invGPxf0gdonycM=',
        ],
      },
    ]);
  });

  it('put one group ID on every hostname of a group, from the club’s owner unless the claim has its own', () => {
    const club = {
      owner: 'https://zq.suns.example',
      claims: [
        { type: 'e', hostnames: ['me.suns.example', 'example.suns.me'] },
        { type: 'a', hostnames: ['zb.snus.suns.example'], owner: 'https://other.example' },
      ],
    };
    const mirrored = groupId(club.owner, 'e', ['me.suns.example', 'example.suns.me']);
    expect(clubClaimRecords(club)).toEqual([
      { hostname: 'me.suns.example', name: '_suns.me.suns.example', values: [mirrored] },
      { hostname: 'example.suns.me', name: '_suns.example.suns.me', values: [mirrored] },
      {
        hostname: 'zb.snus.suns.example',
        name: '_suns.zb.snus.suns.example',
        values: [groupId('https://other.example', 'a', ['zb.snus.suns.example'])],
      },
    ]);
  });

  it('give a hostname in two groups both IDs, in one record', () => {
    const club = {
      owner: 'https://zq.suns.example',
      claims: [
        { type: 'b', hostnames: ['zq.suns.example'] },
        { type: 'c', hostnames: ['zq.suns.example', 'zq.su'] },
      ],
    };
    const [record] = clubClaimRecords(club);
    expect(record).toEqual({
      hostname: 'zq.suns.example',
      name: '_suns.zq.suns.example',
      values: [
        groupId(club.owner, 'b', ['zq.suns.example']),
        groupId(club.owner, 'c', ['zq.suns.example', 'zq.su']),
      ],
    });
  });

  it('name each record after its hostname', () => {
    expect(logicalNameOf('zb.snus.suns.bz')).toBe('ZbSnusSunsBz');
    expect(logicalNameOf('a-b.example')).toBe('ABExample');
  });
});
