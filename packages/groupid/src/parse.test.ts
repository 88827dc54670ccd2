import { describe, expect, it } from 'vitest';
import { GroupIdError, isGroupId, parseGroupId, safeParseGroupId } from './index.js';

const OWNER = 'DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=';
const DOMAINS = '+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=';

function codeOf(raw: unknown): string | undefined {
  const result = safeParseGroupId(raw);
  return result instanceof GroupIdError ? result.code : undefined;
}

describe('parseGroupId', () => {
  it('splits a v1 group ID into its parts', () => {
    expect(parseGroupId(`v1:a:${OWNER}:${DOMAINS}`)).toEqual({
      version: 'v1',
      typeCode: 'a',
      ownerHash: OWNER,
      domainsHash: DOMAINS,
      raw: `v1:a:${OWNER}:${DOMAINS}`,
    });
  });

  it.each([
    ['', 'groupid.empty'],
    [42, 'groupid.invalid-type'],
    ['v1:a:x', 'groupid.parts'],
    [`v1:a:${OWNER}:${DOMAINS}:extra`, 'groupid.parts'],
    [`v2:a:${OWNER}:${DOMAINS}`, 'groupid.version'],
    [`V1:a:${OWNER}:${DOMAINS}`, 'groupid.version'],
    [`v1::${OWNER}:${DOMAINS}`, 'groupid.part-empty'],
    [`v1:a::${DOMAINS}`, 'groupid.part-empty'],
    [`v1:a:${OWNER.slice(0, -1)}:${DOMAINS}`, 'groupid.hash'],
    [`v1:a:${OWNER}:${DOMAINS.replace('+', '-')}`, 'groupid.hash'],
    // base64url or a non-canonical last character is not what v1 writes
    [`v1:a:${OWNER.slice(0, 42)}l=:${DOMAINS}`, 'groupid.hash'],
    [`v1:a:${OWNER}:${DOMAINS} `, 'groupid.hash'],
  ])('rejects %j with %s', (raw, code) => {
    expect(codeOf(raw)).toBe(code);
    expect(() => parseGroupId(raw as string)).toThrow(GroupIdError);
  });

  it('names the part and the value received in its message', () => {
    expect(() => parseGroupId(`v1:a:nothash:${DOMAINS}`)).toThrow(
      /ownerHash part must be a SHA-256 digest.*"nothash"/,
    );
  });

  it('answers isGroupId without throwing', () => {
    expect(isGroupId(`v1:b:${OWNER}:${DOMAINS}`)).toBe(true);
    expect(isGroupId('google-site-verification=abc')).toBe(false);
    expect(isGroupId(undefined)).toBe(false);
  });
});
