import { describe, expect, it } from 'vitest';
import { toHtml, toText } from '../dom/vnode.js';
import { renderExplanation, renderOutcome, renderTxtRows } from './render.js';

describe('renderTxtRows', () => {
  it('gives each record a row with the name, TXT and the value, each with a labelled copy button', () => {
    const [row] = renderTxtRows([
      { hostname: 'a.example', name: '_suns.a.example', value: 'v1:a:x:y' },
    ]);
    const html = toHtml(row);
    expect(html).toContain(
      '<code id="txt-name-0">_suns.a.example</code> <button type="button" class="copy" data-copy="_suns.a.example" data-copy-target="txt-name-0" aria-label="Copy the name _suns.a.example">Copy</button>',
    );
    expect(html).toContain('<td>TXT</td>');
    expect(html).toContain('data-copy="v1:a:x:y"');
  });
});

describe('renderExplanation', () => {
  it('shows the verdict and the details', () => {
    expect(
      renderExplanation({ ok: false, summary: 'No.', details: ['Because.'] }).map(toHtml),
    ).toEqual(['<p class="verdict bad">✗ No.</p>', '<ul class="details"><li>Because.</li></ul>']);
  });
});

describe('renderOutcome', () => {
  it('shows an answer with its message, reasons and a warning when the expected ID differs', () => {
    const nodes = renderOutcome(
      {
        kind: 'answer',
        status: 'invalid',
        isValid: false,
        message: 'Attestation FAILED',
        expectedId: 'v1:a:1:2',
        groupIdCount: 0,
        errorMessage: 'no record at _suns.a.example',
        reasons: [{ code: 'claim.missing', domain: 'a.example', message: '<b>no</b> record' }],
        retryAfterSeconds: null,
      },
      'v1:a:9:9',
    );
    expect(nodes.map(toText)).toEqual([
      'Not valid.',
      'The API says: Attestation FAILED',
      'Expected group ID: v1:a:1:2',
      'This differs from the group ID computed here: check the owner is typed exactly the same.',
      'Group IDs found in DNS: 0',
      'claim.missing a.example: <b>no</b> record',
    ]);
    expect(nodes.map(toHtml).join('')).toContain('&lt;b&gt;no&lt;/b&gt; record');
  });

  it('shows errorMessage only when there is no list of reasons, so no message shows twice', () => {
    const answer = {
      kind: 'answer',
      status: 'invalid',
      isValid: false,
      message: '',
      expectedId: null,
      groupIdCount: null,
      errorMessage: 'no record',
      retryAfterSeconds: null,
    } as const;
    expect(renderOutcome({ ...answer, reasons: [] }, null).map(toText)).toEqual([
      'Not valid.',
      'Error: no record',
    ]);
    expect(
      renderOutcome(
        { ...answer, reasons: [{ code: 'claim.missing', domain: null, message: 'no record' }] },
        null,
      ).map(toText),
    ).toEqual(['Not valid.', 'claim.missing no record']);
  });

  it('says an undecided answer stored nothing, and when to try again', () => {
    const nodes = renderOutcome(
      {
        kind: 'answer',
        status: 'indeterminate',
        isValid: false,
        message: '',
        expectedId: null,
        groupIdCount: null,
        errorMessage: null,
        reasons: [],
        retryAfterSeconds: 20,
      },
      null,
    ).map(toText);
    expect(nodes).toEqual([
      'Undecided: the API could not check everything (usually DNS timing out).',
      'Nothing was stored. You can try again in 20 seconds.',
    ]);
  });

  it('words refusals, too many requests, busy answers and failures', () => {
    // A refusal of a form field points at the field, where the page shows the message.
    expect(
      renderOutcome(
        { kind: 'rejected', httpStatus: 400, error: 'owner is required', field: 'owner' },
        null,
      ).map(toText),
    ).toEqual(['The API did not accept the form.', 'See the message under “Owner”.']);
    expect(
      renderOutcome(
        { kind: 'rejected', httpStatus: 400, error: 'domains[1] is bad', field: 'domains[1]' },
        null,
      ).map(toText)[1],
    ).toBe('See the message under “Hostnames”.');
    expect(
      renderOutcome(
        { kind: 'rejected', httpStatus: 415, error: 'send JSON', field: null },
        null,
      ).map(toText),
    ).toEqual(['The API did not accept the form.', 'Send JSON.']);
    expect(renderOutcome({ kind: 'too-many', retryAfterSeconds: 1 }, null).map(toText)).toEqual([
      'You have sent too many requests.',
      'The API takes only so many requests from one visitor at a time. You can try again in 1 second.',
    ]);
    expect(
      renderOutcome(
        { kind: 'busy', httpStatus: 503, error: null, retryAfterSeconds: null },
        null,
      ).map(toText),
    ).toEqual(['The API is busy.', 'You can try again in a minute.']);
    expect(
      renderOutcome({ kind: 'failed', message: 'the API answered HTTP 500' }, null).map(toText)[1],
    ).toBe('The API answered HTTP 500.');
  });
});
