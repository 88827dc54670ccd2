import { describe, expect, it } from 'vitest';
import { toHtml, toText } from '../dom/vnode.js';
import { renderRecordsToRemove, renderWithdrawOutcome } from './render.js';

describe('renderWithdrawOutcome', () => {
  it('says the group is removed, with the number of records', () => {
    expect(
      renderWithdrawOutcome({ kind: 'withdrawn', groupId: 'g', deleted: 2, message: null }).map(
        toText,
      ),
    ).toEqual([
      'Your group is removed.',
      'The club no longer lists it (2 records). The member list shows the change within a minute or so.',
    ]);
  });

  it('says which records are still there, as untrusted text', () => {
    const nodes = renderWithdrawOutcome({
      kind: 'claims-remain',
      error: 'x',
      reasons: [{ code: 'claim-present', domain: 'a.example', message: '<b>still</b> there' }],
    });
    expect(nodes.map(toText)[0]).toBe('Your TXT records are still there.');
    expect(nodes.map(toText)[2]).toBe('claim-present a.example: <b>still</b> there');
    expect(nodes.map(toHtml).join('')).toContain('&lt;b&gt;still&lt;/b&gt;');
  });

  it('says an undecided answer removed nothing, and when to try again', () => {
    expect(
      renderWithdrawOutcome({
        kind: 'indeterminate',
        error: '',
        reasons: [],
        retryAfterSeconds: 20,
      })
        .map(toText)
        .slice(0, 2),
    ).toEqual([
      'Undecided: the API could not check everything (usually DNS timing out).',
      'Nothing was removed. You can try again in 20 seconds.',
    ]);
  });

  it('tells the visitor with too many requests when they can send again', () => {
    expect(renderWithdrawOutcome({ kind: 'too-many', retryAfterSeconds: 42 }).map(toText)).toEqual([
      'You have sent too many requests.',
      'The API takes only so many requests from one visitor at a time. You can try again in 42 seconds.',
    ]);
  });

  it('explains a group the club does not have', () => {
    expect(
      renderWithdrawOutcome({ kind: 'not-found', groupId: 'g', error: 'no records' }).map(
        toText,
      )[0],
    ).toBe('The club has no group with this ID.');
  });
});

describe('renderRecordsToRemove', () => {
  it('lists each record by name and value', () => {
    expect(
      renderRecordsToRemove([
        { hostname: 'a.example', name: '_suns.a.example', value: 'v1:a:x:y' },
      ]).map(toText),
    ).toEqual(['_suns.a.example TXT v1:a:x:y']);
  });
});
