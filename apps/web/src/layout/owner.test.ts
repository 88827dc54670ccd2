import { ownerPageId } from '@symval/records/snapshot';
import { describe, expect, it } from 'vitest';
import { layoutIndexUrl } from './members.js';
import { ownerIdOfPath } from './owner.js';

describe('owner page paths', () => {
  const id = ownerPageId('https://alice.example');

  it('reads the page id from /owners/<id>/ and its index.html', () => {
    expect(ownerIdOfPath(`/owners/${id}/`)).toBe(id);
    expect(ownerIdOfPath(`/prefix/owners/${id}/index.html`)).toBe(id);
  });

  it('finds no id in the page file itself or in a path that is not one', () => {
    expect(ownerIdOfPath('/owners/_/')).toBeUndefined();
    expect(ownerIdOfPath('/owners/_/index.html')).toBeUndefined();
    expect(ownerIdOfPath(`/owners/${id}x/`)).toBeUndefined();
    expect(ownerIdOfPath(`/owners/${id}/more/`)).toBeUndefined();
  });

  it('finds the layout beside the whole file', () => {
    expect(layoutIndexUrl('https://suns.example/records/domains.json')).toBe(
      'https://suns.example/records/v1/index.json',
    );
  });
});
