// How the Join and Leave pages word the answers that are about the request rather than the
// group: a refusal, too many requests, a busy API, no answer. API text is untrusted and only
// ever becomes text.
import type { ApiReason, RequestOutcome } from '../api/http.js';
import { h, type VNode } from '../dom/vnode.js';

/** The fields of the Join and Leave forms, by the name the API gives them, with their labels. */
export const FORM_FIELDS = { owner: 'Owner', type: 'Symmetry', domains: 'Hostnames' } as const;

/** A form field. */
export type FormField = keyof typeof FORM_FIELDS;

/** The form field an API `field` is about (`domains[1]` is the Hostnames box), or `null`. */
export function formFieldOf(field: string | null): FormField | null {
  const name = field?.replace(/\[\d+\]$/, '');
  return name === 'owner' || name === 'type' || name === 'domains' ? name : null;
}

/** "in 7 seconds" / "in 1 second" / "in a minute" (when the API did not say). */
export function retryIn(seconds: number | null): string {
  if (seconds === null) return 'in a minute';
  return `in ${seconds.toLocaleString('en')} ${seconds === 1 ? 'second' : 'seconds'}`;
}

/** The sentence saying when to try again. */
export function retrySentence(seconds: number | null): string {
  return `You can try again ${retryIn(seconds)}.`;
}

/** A heading for an answer; it takes the focus so a screen reader reads the answer first. */
export function outcomeHeading(tone: 'valid' | 'invalid' | 'indeterminate', text: string): VNode {
  return h('h3', { class: `outcome ${tone}`, tabindex: '-1' }, text);
}

/** The API's reasons as a list: code, the hostname it is about, and the message. */
export function renderReasons(reasons: readonly ApiReason[]): VNode | null {
  if (reasons.length === 0) return null;
  return h(
    'ul',
    { class: 'reasons' },
    ...reasons.map((reason) =>
      h(
        'li',
        null,
        h('code', null, reason.code),
        reason.domain
          ? h('span', null, ' ', h('bdi', { class: 'domain' }, reason.domain), ':')
          : null,
        ' ',
        reason.message,
      ),
    ),
  );
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * A refusal, too many requests, a busy API or no answer. A refusal of one form field says so
 * and points at the field, where the page shows the API's message: the message appears once.
 */
export function renderRequestOutcome(outcome: RequestOutcome): VNode[] {
  switch (outcome.kind) {
    case 'rejected': {
      const field = formFieldOf(outcome.field);
      return [
        outcomeHeading('invalid', 'The API did not accept the form.'),
        field
          ? h('p', null, `See the message under “${FORM_FIELDS[field]}”.`)
          : h('p', null, sentence(outcome.error)),
      ];
    }
    case 'too-many':
      return [
        outcomeHeading('indeterminate', 'You have sent too many requests.'),
        h(
          'p',
          null,
          'The API takes only so many requests from one visitor at a time. ',
          retrySentence(outcome.retryAfterSeconds),
        ),
      ];
    case 'busy':
      return [
        outcomeHeading('indeterminate', 'The API is busy.'),
        h(
          'p',
          null,
          outcome.error ? `${sentence(outcome.error)} ` : '',
          retrySentence(outcome.retryAfterSeconds),
        ),
      ];
    case 'failed':
      return [
        outcomeHeading('invalid', 'No answer from the API.'),
        h('p', null, sentence(outcome.message)),
      ];
  }
}

/** How long to keep the submit button off after an outcome, in seconds; 0: not at all. */
export function waitAfter(outcome: { kind: string; retryAfterSeconds?: number | null }): number {
  if (outcome.kind === 'too-many' || outcome.kind === 'busy')
    return outcome.retryAfterSeconds ?? 30;
  return 0;
}
