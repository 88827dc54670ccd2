import { SYMMETRY_TYPES } from '@symval/attestation/validators';
import { describe, expect, it } from 'vitest';
import { toHtml, toText } from '../dom/vnode.js';
import {
  renderFooter,
  renderHeader,
  renderSymmetryEntry,
  renderTypeOptions,
  rootOf,
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

describe('renderFooter', () => {
  it('links the snapshot relative to the page', () => {
    expect(toHtml(renderFooter('group-id'))).toContain('href="../records/domains.json"');
    expect(rootOf('members')).toBe('./');
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
