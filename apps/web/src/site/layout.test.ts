import { SYMMETRY_TYPES } from '@symval/attestation/validators';
import { describe, expect, it } from 'vitest';
import { toHtml, toText } from '../dom/vnode.js';
import {
  PAGES,
  renderFooter,
  renderHeader,
  renderSymmetryEntry,
  renderTypeOptions,
  rootOf,
  snapshotLink,
} from './layout.js';

describe('renderHeader', () => {
  it('links every page relative to the current one and marks the current page', () => {
    const html = renderHeader('join').map(toHtml).join('');
    expect(html).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(html).toContain('<a href="../">Members</a>');
    expect(html).toContain('<a href="../join/" aria-current="page">Join</a>');
    expect(renderHeader('members').map(toHtml).join('')).toContain(
      '<a href="./symmetries/">Symmetries</a>',
    );
  });
});

describe('renderHeader on the 404 page', () => {
  it('links every page from the site root, with none marked current', () => {
    const html = renderHeader('not-found').map(toHtml).join('');
    for (const page of PAGES) expect(html).toContain(`<a href="/${page.path}">${page.title}</a>`);
    expect(html).not.toContain('aria-current');
  });
});

describe('renderFooter', () => {
  it('links the snapshot relative to the page, marked for the scripts to follow config.json', () => {
    expect(toHtml(renderFooter('group-id'))).toContain(
      '<a href="../records/domains.json" data-snapshot-link="">records/domains.json</a>',
    );
    expect(rootOf('members')).toBe('./');
    expect(rootOf('not-found')).toBe('/');
    // /owners/<id>/ is two levels down.
    expect(rootOf('owner')).toBe('../../');
    expect(toHtml(renderFooter('owner'))).toContain('href="../../records/domains.json"');
  });

  it('follows the build’s VITE_SNAPSHOT_URL, absolute or relative to the site root', () => {
    expect(
      toHtml(renderFooter('join', 'https://data.suns.example/records/domains.json')),
    ).toContain(
      '<a href="https://data.suns.example/records/domains.json" data-snapshot-link="">https://data.suns.example/records/domains.json</a>',
    );
    expect(snapshotLink('join', 'data/members.json')).toEqual({
      href: '../data/members.json',
      label: 'data/members.json',
    });
    expect(snapshotLink('not-found', './data/members.json').href).toBe('/data/members.json');
    expect(snapshotLink('members', 'javascript:alert(1)')).toEqual({
      href: './records/domains.json',
      label: 'records/domains.json',
    });
  });
});

describe('renderTypeOptions', () => {
  it('lists every type by code after an empty choice', () => {
    const options = renderTypeOptions(SYMMETRY_TYPES, 'Choose').map(toHtml);
    expect(options).toHaveLength(SYMMETRY_TYPES.length + 1);
    expect(options[0]).toBe('<option value="">Choose</option>');
    expect(options[1]).toBe('<option value="a">Palindrome (a, one name)</option>');
  });
});

describe('renderSymmetryEntry', () => {
  it('shows the code, the API name, the example with its picture and the note', () => {
    const type = SYMMETRY_TYPES[4]!;
    const text = toText(renderSymmetryEntry(type));
    expect(text).toContain(`Code${type.code}`);
    expect(text).toContain(`Name in the API${type.name}`);
    expect(text).toContain(type.description);
    expect(toHtml(renderSymmetryEntry(type))).toContain(`id="type-${type.code}"`);
  });
});
