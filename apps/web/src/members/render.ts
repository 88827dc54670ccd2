// The member list as element trees. Every string here comes from the snapshot and is
// untrusted: it only ever becomes text, and an owner becomes a link only through ownerLink.
import { resolveSymmetryType, toUnicodeHostname } from '@symval/attestation/validators';
import { ownerPageId } from '@symval/records/snapshot';
import { h, type VNode } from '../dom/vnode.js';
import type { Member, MemberGroup, TypeCount } from '../snapshot/group.js';
import { formatDay } from '../snapshot/time.js';
import { renderSymmetry } from '../symmetry/visual.js';
import { OWNER_LINK_REL } from '../url/safe-url.js';

/** The label of a type code, or the code itself for a type this site does not know. */
export function typeLabel(typeCode: string): string {
  return resolveSymmetryType(typeCode)?.label ?? `Unknown type “${typeCode}”`;
}

/** An owner's name: a link when it is an http(s) URL, otherwise text. */
export function renderOwner(member: Pick<Member, 'owner' | 'link'>): VNode {
  const name = h('bdi', null, member.owner);
  return member.link
    ? h('a', { class: 'owner-name', href: member.link, rel: OWNER_LINK_REL }, name)
    : h('span', { class: 'owner-name' }, name);
}

/**
 * The Leave page with this group filled in, relative to the members page. Built with
 * `URLSearchParams`, so whatever the snapshot holds stays inside the query.
 */
export function leaveLink(owner: string, group: MemberGroup, root = ''): string {
  const query = new URLSearchParams({ owner, type: group.typeCode });
  for (const hostname of group.hostnames) query.append('domains', hostname);
  return `${root}withdraw/?${query.toString()}`;
}

/** The owner's page, `owners/<ownerPageId>/`, relative to the site root. */
export function ownerPageLink(owner: string, root = ''): string {
  return `${root}owners/${ownerPageId(owner)}/`;
}

/** One group: its symmetry, its hostnames as text, the picture, and how its owner leaves. */
export function renderGroup(group: MemberGroup, owner?: string, root = ''): VNode {
  const type = resolveSymmetryType(group.typeCode);
  return h(
    'li',
    { class: 'group', 'data-type': type?.code ?? 'unknown' },
    h(
      'p',
      { class: 'group-type' },
      h('span', { class: 'type-label' }, typeLabel(group.typeCode)),
      ' ',
      h('span', { class: 'code' }, type?.code ?? group.typeCode),
    ),
    h(
      'ul',
      { class: 'hostnames' },
      ...group.hostnames.map((name) => h('li', null, h('bdi', null, name))),
    ),
    // The symmetry is in the characters people see, so xn-- names are drawn decoded.
    renderSymmetry(type?.name, group.hostnames.map(toUnicodeHostname)),
    h(
      'p',
      { class: 'validated' },
      'validated ',
      h('time', { datetime: group.validatedAt.toISOString() }, formatDay(group.validatedAt)),
      owner === undefined
        ? null
        : h(
            'span',
            { class: 'leave' },
            ' · ',
            h('a', { href: leaveLink(owner, group, root) }, 'withdraw this group'),
          ),
    ),
  );
}

/** One owner with their groups. */
export function renderMember(member: Member): VNode {
  const groups = member.groups.length;
  return h(
    'li',
    { class: member.priority ? 'member priority' : 'member' },
    h(
      'h3',
      { class: 'owner' },
      renderOwner(member),
      member.priority ? h('span', { class: 'badge' }, 'featured') : null,
    ),
    h(
      'p',
      { class: 'group-count' },
      `${groups} ${groups === 1 ? 'group' : 'groups'} · `,
      h('a', { class: 'owner-page', href: ownerPageLink(member.owner) }, 'owner page'),
    ),
    h('ul', { class: 'groups' }, ...member.groups.map((group) => renderGroup(group, member.owner))),
  );
}

/** The counts per symmetry type, as list items. */
export function renderTypeCounts(counts: readonly TypeCount[]): VNode[] {
  return counts.map((count) =>
    h(
      'li',
      { 'data-type': count.typeCode },
      h('span', { class: 'type-label' }, typeLabel(count.typeCode)),
      ' ',
      h('span', { class: 'count' }, count.groups.toLocaleString('en')),
      count.groups === 1 ? ' group, ' : ' groups, ',
      h('span', { class: 'count' }, count.hostnames.toLocaleString('en')),
      count.hostnames === 1 ? ' hostname' : ' hostnames',
    ),
  );
}
