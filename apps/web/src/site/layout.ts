// The parts of every page that are rendered at build time into static HTML: header, footer,
// the symmetry list and the type options. Built from the attestation registry, so the site
// and the API never disagree about what the symmetries are.
import type { SymmetryType } from '@symval/attestation/validators';
import { h, type VNode } from '../dom/vnode.js';
import { renderSymmetry } from '../symmetry/visual.js';

/** The site's pages, by the key used in `<!--symval:header:KEY-->`. */
export const PAGES = [
  { key: 'members', path: '', title: 'Members' },
  { key: 'join', path: 'join/', title: 'Join' },
  { key: 'symmetries', path: 'symmetries/', title: 'Symmetries' },
  { key: 'group-id', path: 'group-id/', title: 'Group IDs' },
] as const;

/** A page key. */
export type PageKey = (typeof PAGES)[number]['key'];

/** The way from a page up to the site root: `./` for the home page, `../` for the others. */
export function rootOf(page: PageKey): string {
  return page === 'members' ? './' : '../';
}

/** Skip link, site name and navigation, with the current page marked. */
export function renderHeader(current: PageKey): VNode[] {
  const root = rootOf(current);
  return [
    h('a', { class: 'skip', href: '#main' }, 'Skip to content'),
    h(
      'header',
      { class: 'site' },
      h(
        'p',
        { class: 'brand' },
        h('a', { href: root }, 'symval'),
        ' ',
        h('span', { class: 'tagline' }, 'the club of symmetric names'),
      ),
      h(
        'nav',
        { 'aria-label': 'Site' },
        h(
          'ul',
          null,
          ...PAGES.map((page) =>
            h(
              'li',
              null,
              h(
                'a',
                {
                  href: `${root}${page.path}`,
                  'aria-current': page.key === current ? 'page' : undefined,
                },
                page.title,
              ),
            ),
          ),
        ),
      ),
    ),
  ];
}

/** Where the data comes from. */
export function renderFooter(current: PageKey): VNode {
  const root = rootOf(current);
  return h(
    'footer',
    { class: 'site' },
    h(
      'p',
      null,
      'The member list is public: ',
      h('a', { href: `${root}records/domains.json` }, 'records/domains.json'),
      '. Every group is re-checked against DNS daily.',
    ),
  );
}

/** `<option>`s for a type select, in code order, after an empty "choose" option. */
export function renderTypeOptions(types: readonly SymmetryType[], emptyLabel: string): VNode[] {
  return [
    h('option', { value: '' }, emptyLabel),
    ...types.map((type) =>
      h(
        'option',
        { value: type.code },
        `${type.label} (${type.code}, ${type.hostnames === 1 ? 'one name' : 'two names'})`,
      ),
    ),
  ];
}

/** One symmetry on the Symmetries page: code, example with its picture, and the note. */
export function renderSymmetryEntry(type: SymmetryType): VNode {
  return h(
    'article',
    { class: 'symmetry', id: `type-${type.code}` },
    h('h2', null, type.label),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, 'Code'),
      h('dd', null, h('code', null, type.code)),
      h('dt', null, 'Name in the API'),
      h('dd', null, h('code', null, type.name)),
      h('dt', null, 'Hostnames in a group'),
      h('dd', null, type.hostnames === 1 ? 'one' : 'two'),
      h('dt', null, 'Example'),
      h(
        'dd',
        null,
        h(
          'ul',
          { class: 'hostnames' },
          ...type.example.map((name) => h('li', null, h('code', null, name))),
        ),
      ),
    ),
    h('div', { class: 'example' }, renderSymmetry(type.name, type.example)),
    h('p', { class: 'note' }, type.description),
  );
}

/** The whole list for the Symmetries page. */
export function renderSymmetryList(types: readonly SymmetryType[]): VNode[] {
  return types.map(renderSymmetryEntry);
}
