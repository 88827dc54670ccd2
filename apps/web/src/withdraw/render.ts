// Element trees for the Leave page's results. API answers are untrusted text.
import type { WithdrawOutcome } from '../api/withdraw.js';
import { h, type VNode } from '../dom/vnode.js';
import type { TxtRecord } from '../join/compute.js';
import {
  outcomeHeading,
  renderReasons,
  renderRequestOutcome,
  retrySentence,
} from '../site/answers.js';

/** The records that must be gone before the group can be removed. */
export function renderRecordsToRemove(records: readonly TxtRecord[]): VNode[] {
  return records.map((record) =>
    h(
      'li',
      null,
      h('code', null, record.name),
      ' TXT ',
      h('code', { class: 'group-id' }, record.value),
    ),
  );
}

/**
 * The API's answer to a withdrawal: removed, nothing stored, records still there, undecided,
 * or one of the answers about the request itself.
 */
export function renderWithdrawOutcome(outcome: WithdrawOutcome): VNode[] {
  switch (outcome.kind) {
    case 'withdrawn': {
      const count =
        outcome.deleted === null
          ? ''
          : ` (${outcome.deleted} ${outcome.deleted === 1 ? 'record' : 'records'})`;
      return [
        outcomeHeading('valid', 'Your group is removed.'),
        h(
          'p',
          null,
          `The club no longer lists it${count}. The member list shows the change within a minute or so.`,
        ),
      ];
    }
    case 'not-found':
      return [
        outcomeHeading('invalid', 'The club has no group with this ID.'),
        h(
          'p',
          null,
          'Nothing was removed. Check that the owner is typed exactly as when you joined (the same capitals, no extra space) and that the symmetry and hostnames are the same; a group that stayed invalid past its grace period is already gone.',
        ),
      ];
    case 'claims-remain':
      return [
        outcomeHeading('invalid', 'Your TXT records are still there.'),
        h(
          'p',
          null,
          'Nothing was removed: the club still finds the group ID in DNS. Remove the records below, wait for their TTL to pass, then try again.',
        ),
        ...[renderReasons(outcome.reasons)].filter((node): node is VNode => node !== null),
      ];
    case 'changed':
      return [
        outcomeHeading('indeterminate', 'The group changed while it was being removed.'),
        h('p', null, 'Some of its records were kept. Please try again.'),
      ];
    case 'indeterminate':
      return [
        outcomeHeading(
          'indeterminate',
          'Undecided: the API could not check everything (usually DNS timing out).',
        ),
        h('p', null, 'Nothing was removed. ', retrySentence(outcome.retryAfterSeconds)),
        ...[renderReasons(outcome.reasons)].filter((node): node is VNode => node !== null),
      ];
    default:
      return renderRequestOutcome(outcome);
  }
}
