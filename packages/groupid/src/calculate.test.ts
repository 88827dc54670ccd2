import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calculateGroupIdV1,
  GroupIdError,
  hashHostnames,
  hashOwner,
  parseGroupId,
} from './index.js';

const KNOWN_ID =
  'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=';

function nodeSha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

describe('calculateGroupIdV1', () => {
  it('reproduces the published example group ID', () => {
    expect(
      calculateGroupIdV1('https://example.blog', 'a', ['etutitsni.elpmaxe.example.institute']),
    ).toBe(KNOWN_ID);
  });

  it('hashes the owner and the sorted, unseparated hostnames like node:crypto does', () => {
    const id = calculateGroupIdV1('https://owner.example', 'e', [
      'me.example.com',
      'com.example.me',
    ]);
    expect(id).toBe(
      `v1:e:${nodeSha256Base64('https://owner.example')}:${nodeSha256Base64('com.example.meme.example.com')}`,
    );
  });

  it('gives the same ID whatever the order of the hostnames', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (owner, hostnames, seed) => {
          const shuffled = [...hostnames];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (seed + i * 7919) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          expect(calculateGroupIdV1(owner, 'a', shuffled)).toBe(
            calculateGroupIdV1(owner, 'a', hostnames),
          );
        },
      ),
    );
  });

  it('round-trips through parseGroupId', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.stringMatching(/^[a-z]{1,3}$/),
        fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 4 }),
        (owner, typeCode, hostnames) => {
          const id = calculateGroupIdV1(owner, typeCode, hostnames);
          const parsed = parseGroupId(id);
          expect(parsed).toEqual({
            version: 'v1',
            typeCode,
            ownerHash: hashOwner(owner),
            domainsHash: hashHostnames(hostnames),
            raw: id,
          });
        },
      ),
    );
  });

  it('keeps the v1 collision of hostnames concatenated without a separator', () => {
    expect(calculateGroupIdV1('o', 'e', ['ab', 'c'])).toBe(
      calculateGroupIdV1('o', 'e', ['a', 'bc']),
    );
  });

  it('sorts by UTF-16 code unit, so uppercase sorts before lowercase and nothing is normalised', () => {
    expect(hashHostnames(['b.example', 'A.example'])).toBe(nodeSha256Base64('A.exampleb.example'));
    expect(hashHostnames(['Example.com'])).not.toBe(hashHostnames(['example.com']));
  });

  it.each([
    ['an empty owner', () => calculateGroupIdV1('', 'a', ['x.y']), 'owner.empty'],
    ['an empty type code', () => calculateGroupIdV1('o', '', ['x.y']), 'type.empty'],
    ['a type code with a colon', () => calculateGroupIdV1('o', 'a:b', ['x.y']), 'type.invalid'],
    ['no hostnames', () => calculateGroupIdV1('o', 'a', []), 'hostnames.empty'],
    ['an empty hostname', () => calculateGroupIdV1('o', 'a', ['x.y', '']), 'hostname.empty'],
  ])('rejects %s', (_label, call, code) => {
    expect(call).toThrow(GroupIdError);
    try {
      call();
    } catch (error) {
      expect((error as GroupIdError).code).toBe(code);
    }
  });
});
