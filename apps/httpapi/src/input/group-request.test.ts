import { calculateGroupIdV1 } from '@symval/groupid';
import { describe, expect, it } from 'vitest';
import { parseGroupRequest, problemFromReasons } from './group-request.js';

describe('parseGroupRequest', () => {
  it('normalises hostnames, resolves the type and calculates the group ID', () => {
    const result = parseGroupRequest({
      owner: 'https://me.example',
      type: ' MirrorNames ',
      domains: ['ME.example.com.', 'com.example.me'],
    });
    expect(result).toEqual({
      ok: true,
      request: expect.objectContaining({
        owner: 'https://me.example',
        type: expect.objectContaining({ code: 'e' }),
        domains: ['ME.example.com.', 'com.example.me'],
        hostnames: ['me.example.com', 'com.example.me'],
        groupId: calculateGroupIdV1('https://me.example', 'e', [
          'me.example.com',
          'com.example.me',
        ]),
      }),
    });
  });

  it('keeps the owner exactly as sent', () => {
    const result = parseGroupRequest({ owner: ' me ', type: 'a', domains: ['aa.aa'] });
    expect(result.ok && result.request.owner).toBe(' me ');
  });

  it.each([
    [{ owner: 'o', type: 'zz', domains: ['a.b'] }, 'type', 'type-unknown'],
    [{ owner: 'o', type: 'e', domains: ['a.b'] }, 'domains', 'domain-count'],
    [{ owner: 'o', type: 'e', domains: ['a.b', 'bad_host!.x'] }, 'domains[1]', 'domain-invalid'],
    [{ owner: 'o', type: 'e', domains: ['a.b', 'A.B.'] }, 'domains[1]', 'domain-duplicate'],
  ])('refuses %j at %s', (body, field, code) => {
    expect(parseGroupRequest(body)).toMatchObject({ ok: false, problem: { field, code } });
  });
});

describe('problemFromReasons', () => {
  it("answers with the first reason's field, or null for the body as a whole", () => {
    expect(
      problemFromReasons([
        { code: 'domain-invalid', domain: 'b.a', field: 'domains[1]', message: 'm' },
        { code: 'owner-invalid', field: 'owner', message: 'n' },
      ]),
    ).toEqual({ field: 'domains[1]', code: 'domain-invalid', error: 'm' });
    expect(problemFromReasons([{ code: 'input-invalid', message: 'm' }]).field).toBeNull();
  });
});
