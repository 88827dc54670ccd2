// The parts of every page that are rendered at build time into static HTML: header, footer,
// the symmetry list and the type options. Built from the attestation registry, so the site
// and the API never disagree about what the symmetries are.
import type { SymmetryType } from '@symval/attestation/validators';
import { h, type VNode } from '../dom/vnode.js';
import { renderSymmetry } from '../symmetry/visual.js';
import { isSafeHref } from '../url/safe-url.js';

/** The site's pages in the navigation, by the key used in `<!--symval:header:KEY-->`. */
export const PAGES = [
  { key: 'members', path: '', title: 'Members' },
  { key: 'join', path: 'join/', title: 'Join' },
  { key: 'symmetries', path: 'symmetries/', title: 'Symmetries' },
  { key: 'group-id', path: 'group-id/', title: 'Group IDs' },
  { key: 'how-it-works', path: 'how-it-works/', title: 'How it works' },
  { key: 'withdraw', path: 'withdraw/', title: 'Leave' },
] as const;

/**
 * A page key: a page of the navigation, or `not-found`, the 404 page (`404.html`), which is
 * served at any missing path and so links from the root (`/`) rather than relative to itself.
 */
export type PageKey = (typeof PAGES)[number]['key'] | 'not-found' | 'owner';

/** Whether `key` names a page. */
export function isPageKey(key: string | undefined): key is PageKey {
  return key === 'not-found' || key === 'owner' || PAGES.some((page) => page.key === key);
}

/**
 * The way from a page up to the site root: `./` for the home page, `/` for the 404 page,
 * `../../` for an owner page, `../` for the others.
 */
export function rootOf(page: PageKey): string {
  if (page === 'not-found') return '/';
  // An owner page is /owners/<id>/, two levels down (the file is owners/_/index.html).
  if (page === 'owner') return '../../';
  return page === 'members' ? './' : '../';
}

/** The snapshot a build links to unless `config.json` says otherwise. */
export const DEFAULT_SNAPSHOT_PATH = 'records/domains.json';

/**
 * The snapshot link of a page: `configured` (the build's `VITE_SNAPSHOT_URL`) when it is a
 * usable http(s) URL or relative path (relative ones are from the site root), otherwise the
 * default file. The label is the URL as configured.
 *
 * @example
 * snapshotLink('join'); // { href: '../records/domains.json', label: 'records/domains.json' }
 */
export function snapshotLink(page: PageKey, configured?: string): { href: string; label: string } {
  const fallback = {
    href: `${rootOf(page)}${DEFAULT_SNAPSHOT_PATH}`,
    label: DEFAULT_SNAPSHOT_PATH,
  };
  const value = configured?.trim() || DEFAULT_SNAPSHOT_PATH;
  if (/^https?:\/\//i.test(value))
    return isSafeHref(value) ? { href: value, label: value } : fallback;
  // Any other scheme (javascript:, data:) or a protocol-relative //host is not a path.
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) return fallback;
  const href = `${rootOf(page)}${value.replace(/^(\.\/|\/)+/, '')}`;
  return isSafeHref(href) ? { href, label: value } : fallback;
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

/**
 * A link to the snapshot. Scripts point every such link (`data-snapshot-link`) at the
 * snapshot `config.json` names, once it is read.
 */
export function renderSnapshotLink(current: PageKey, configured?: string): VNode {
  const link = snapshotLink(current, configured);
  return h('a', { href: link.href, 'data-snapshot-link': true }, link.label);
}

/** Where the data comes from. */
export function renderFooter(current: PageKey, snapshotUrl?: string): VNode {
  return h(
    'footer',
    { class: 'site' },
    h(
      'p',
      null,
      'The member list is public: ',
      renderSnapshotLink(current, snapshotUrl),
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
