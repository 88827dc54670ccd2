// Leave page: compute the group ID as the visitor types, list the records that must be gone,
// then ask the API to remove the group. Fields can come filled in from the member list's
// "Leave" link (?owner=…&type=…&domains=…).
import { submitWithdrawal, type WithdrawOutcome } from '../api/withdraw.js';
import { byId, renderInto } from '../dom/to-dom.js';
import { renderRecordsToRemove, renderWithdrawOutcome } from '../withdraw/render.js';
import { type GroupFormFields, startGroupForm } from './group-form.js';

const recordsSection = byId('records-section');
const records = byId('records');
const removed = byId<HTMLInputElement>('removed');
const removedError = byId('removed-error');

function showRemovedProblem(message: string | null): void {
  removedError.textContent = message ?? '';
  removedError.hidden = message === null;
  if (message) removed.setAttribute('aria-invalid', 'true');
  else removed.removeAttribute('aria-invalid');
}

/** Fills the form from the query string: a link from the member list names the group. */
function prefill(fields: GroupFormFields): void {
  const query = new URLSearchParams(location.search);
  const owner = query.get('owner');
  const type = query.get('type');
  const domains = query.getAll('domains');
  if (owner !== null) fields.owner.value = owner;
  if (type !== null && [...fields.type.options].some((option) => option.value === type)) {
    fields.type.value = type;
  }
  if (domains.length > 0) fields.domains.value = domains.join('\n');
}

startGroupForm<WithdrawOutcome>(
  {
    formId: 'withdraw-form',
    onUpdate(current) {
      recordsSection.hidden = current.txtRecords.length === 0;
      renderInto(records, ...renderRecordsToRemove(current.txtRecords));
    },
    mayAsk() {
      if (!removed.checked) {
        showRemovedProblem('Remove the TXT records first, then tick this box.');
        removed.focus();
        return false;
      }
      showRemovedProblem(null);
      return true;
    },
    busyText: 'Asking the API to check that your records are gone…',
    ask: submitWithdrawal,
    render: (outcome) => renderWithdrawOutcome(outcome),
  },
  prefill,
);
removed.addEventListener('change', () => {
  if (removed.checked) showRemovedProblem(null);
});
