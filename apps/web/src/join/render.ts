// Element trees for the join form's results. API answers are untrusted text.
import type { AttestOutcome } from '../api/attest.js';
import { h, type VNode } from '../dom/vnode.js';
import {
  outcomeHeading,
  renderReasons,
  renderRequestOutcome,
  retrySentence,
} from '../site/answers.js';
import type { SymmetryExplanation } from '../symmetry/explain.js';
import type { TxtRecord } from './compute.js';

function copyButton(value: string, what: string, targetId: string): VNode {
  return h(
    'button',
    {
      type: 'button',
      class: 'copy',
      'data-copy': value,
      'data-copy-target': targetId,
      'aria-label': `Copy ${what}`,
    },
    'Copy',
  );
}

/** The TXT records as table rows, each value with a copy button. */
export function renderTxtRows(records: readonly TxtRecord[]): VNode[] {
  return records.map((record, index) =>
    h(
      'tr',
      null,
      h(
        'td',
        null,
        h('code', { id: `txt-name-${index}` }, record.name),
        ' ',
        copyButton(record.name, `the name ${record.name}`, `txt-name-${index}`),
      ),
      h('td', null, 'TXT'),
      h(
        'td',
        null,
        h('code', { id: `txt-value-${index}`, class: 'group-id' }, record.value),
        ' ',
        copyButton(record.value, `the value for ${record.hostname}`, `txt-value-${index}`),
      ),
    ),
  );
}

/** The browser's symmetry verdict and its explanation. */
export function renderExplanation(explanation: SymmetryExplanation): VNode[] {
  return [
    h(
      'p',
      { class: explanation.ok ? 'verdict ok' : 'verdict bad' },
      explanation.ok ? '✓ ' : '✗ ',
      explanation.summary,
    ),
    explanation.details.length > 0
      ? h('ul', { class: 'details' }, ...explanation.details.map((d) => h('li', null, d)))
      : null,
  ].filter((node): node is VNode => node !== null);
}

const STATUS_TEXT = {
  valid: 'Valid: your group is attested.',
  invalid: 'Not valid.',
  indeterminate: 'Undecided: the API could not check everything (usually DNS timing out).',
} as const;

/**
 * The API's answer: verdict, message and reasons. `errorMessage` is the reasons in one
 * sentence (for older clients), so it is shown only when there is no list of reasons.
 */
export function renderOutcome(outcome: AttestOutcome, computedId: string | null): VNode[] {
  if (outcome.kind !== 'answer') return renderRequestOutcome(outcome);
  const nodes: (VNode | null)[] = [
    outcomeHeading(outcome.status, STATUS_TEXT[outcome.status]),
    outcome.message ? h('p', null, 'The API says: ', h('q', null, outcome.message)) : null,
    outcome.errorMessage && outcome.reasons.length === 0
      ? h('p', null, 'Error: ', outcome.errorMessage)
      : null,
    outcome.status === 'indeterminate'
      ? h('p', null, 'Nothing was stored. ', retrySentence(outcome.retryAfterSeconds))
      : null,
    outcome.expectedId
      ? h('p', null, 'Expected group ID: ', h('code', { class: 'group-id' }, outcome.expectedId))
      : null,
    outcome.expectedId && computedId && outcome.expectedId !== computedId
      ? h(
          'p',
          { class: 'warning' },
          'This differs from the group ID computed here: check the owner is typed exactly the same.',
        )
      : null,
    outcome.groupIdCount !== null
      ? h('p', null, `Group IDs found in DNS: ${outcome.groupIdCount}`)
      : null,
    renderReasons(outcome.reasons),
  ];
  return nodes.filter((node): node is VNode => node !== null);
}
