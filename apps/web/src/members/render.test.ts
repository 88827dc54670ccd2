import { describe, expect, it } from 'vitest';
import { toHtml, toText } from '../dom/vnode.js';
import { groupMembers } from '../snapshot/group.js';
import { leaveLink, renderMember, renderOwner, renderTypeCounts, typeLabel } from './render.js';

describe('renderOwner', () => {
  it('links an http(s) owner with rel="nofollow ugc noopener", isolating its text direction', () => {
    expect(
      toHtml(
        renderOwner({
          owner: 'https://zq.suns.bz//:sdʇʇɥ',
          link: 'https://zq.suns.bz//:sd%CA%87%CA%87%C9%A5',
        }),
      ),
    ).toBe(
      '<a class="owner-name" href="https://zq.suns.bz//:sd%CA%87%CA%87%C9%A5" rel="nofollow ugc noopener"><bdi>https://zq.suns.bz//:sdʇʇɥ</bdi></a>',
    );
  });

  it('shows any other owner as escaped text', () => {
    expect(toHtml(renderOwner({ owner: '<img src=x onerror=alert(1)>', link: null }))).toBe(
      '<span class="owner-name"><bdi>&lt;img src=x onerror=alert(1)&gt;</bdi></span>',
    );
  });
});

describe('renderMember', () => {
  const [member] = groupMembers(
    [
      {
        Owner: 'https://zq.suns.bz//:sdʇʇɥ',
        Type: 'b',
        Hostname: 'zq.suns.bz',
        GroupID: 'g1',
        ValidateTime: '2026-11-20T03:00:00Z',
      },
    ],
    'https://zq.suns.bz//:sdʇʇɥ',
  );

  it('shows the owner, a featured badge for the priority owner, and each group with label, names, picture and day', () => {
    const html = toHtml(renderMember(member!));
    expect(html).toMatch(/^<li class="member priority"><h3 class="owner"><a class="owner-name"/);
    expect(html).toContain('<span class="badge">featured</span>');
    expect(html).toContain(
      '<li class="group" data-type="b"><p class="group-type"><span class="type-label">Flip 180°</span> <span class="code">b</span></p>',
    );
    expect(html).toContain('<ul class="hostnames"><li><bdi>zq.suns.bz</bdi></li></ul>');
    expect(html).toContain('<span class="word turned">zq.suns.bz</span>');
    expect(html).toContain('validated <time datetime="2026-11-20T03:00:00.000Z">2026-11-20</time>');
  });

  it('draws internationalised names decoded, as people read them, and lists them as stored', () => {
    const [idn] = groupMembers(
      [
        {
          Owner: 'o',
          Type: 'a',
          Hostname: 'xn--tda.a.xn--tda',
          GroupID: 'g',
          ValidateTime: '2026-11-20T03:00:00Z',
        },
      ],
      null,
    );
    const html = toHtml(renderMember(idn!));
    expect(html).toContain('<li><bdi>xn--tda.a.xn--tda</bdi></li>');
    expect(html).toContain('<span class="ch">ü</span>');
    expect(html).toContain('<span class="ch centre">a</span>');
  });

  it('links each group to the Leave page with the group filled in, the snapshot’s text kept in the query', () => {
    const [hostile] = groupMembers(
      [
        {
          Owner: 'x" onclick="alert(1)&a=b',
          Type: 'e',
          Hostname: 'com.example.me',
          GroupID: 'g',
          ValidateTime: '2026-11-20T03:00:00Z',
        },
        {
          Owner: 'x" onclick="alert(1)&a=b',
          Type: 'e',
          Hostname: 'me.example.com',
          GroupID: 'g',
          ValidateTime: '2026-11-20T03:00:00Z',
        },
      ],
      null,
    );
    const link = leaveLink(hostile!.owner, hostile!.groups[0]!);
    expect(link).toBe(
      'withdraw/?owner=x%22+onclick%3D%22alert%281%29%26a%3Db&type=e&domains=com.example.me&domains=me.example.com',
    );
    const query = new URLSearchParams(link.slice(link.indexOf('?')));
    expect(query.get('owner')).toBe('x" onclick="alert(1)&a=b');
    expect(query.getAll('domains')).toEqual(['com.example.me', 'me.example.com']);
    expect(toHtml(renderMember(hostile!))).toContain(
      `<span class="leave"> · <a href="${link.replaceAll('&', '&amp;')}">withdraw this group</a></span>`,
    );
  });

  it('names an unknown type instead of failing', () => {
    expect(typeLabel('zz')).toBe('Unknown type “zz”');
    expect(typeLabel('a')).toBe('Palindrome');
  });
});

describe('renderTypeCounts', () => {
  it('writes counts with singular and plural', () => {
    expect(
      renderTypeCounts([
        { typeCode: 'a', groups: 1, hostnames: 1 },
        { typeCode: 'e', groups: 1200, hostnames: 2400 },
      ]).map(toText),
    ).toEqual(['Palindrome 1 group, 1 hostname', 'Mirror names 1,200 groups, 2,400 hostnames']);
  });
});
