// Leave page: compute the group ID as the visitor types, list the records that must be gone,
// then ask the API to remove the group. Fields can come filled in from the member list's
// "Leave" link (?owner=…&type=…&domains=…).
import { submitWithdrawal } from '../api/withdraw.js';
import { loadConfig } from '../config/load.js';
import { byId, renderInto } from '../dom/to-dom.js';
import { computeJoin, type JoinComputation } from '../join/compute.js';
import { formFieldOf, waitAfter } from '../site/answers.js';
import { renderRecordsToRemove, renderWithdrawOutcome } from '../withdraw/render.js';
import { followConfig, holdButton, revealScripted, showFieldProblems } from './common.js';

const form = byId<HTMLFormElement>('withdraw-form');
const fields = {
  owner: byId<HTMLInputElement>('owner'),
  type: byId<HTMLSelectElement>('type'),
  domains: byId<HTMLTextAreaElement>('domains'),
};
const removed = byId<HTMLInputElement>('removed');
const removedError = byId('removed-error');
const groupIdOutput = byId('group-id');
const recordsSection = byId('records-section');
const records = byId('records');
const submit = byId<HTMLButtonElement>('submit');
const apiResult = byId('api-result');

const configPromise = loadConfig();
void configPromise.then(followConfig);
const touched = new Set<string>();
let current: JoinComputation = computeJoin({ owner: '', type: '', domains: '' });
let holdUntil = 0;

function update(): void {
  current = computeJoin({
    owner: fields.owner.value,
    type: fields.type.value,
    domains: fields.domains.value,
  });
  const quiet = new Set(Object.keys(fields).filter((name) => !touched.has(name)));
  showFieldProblems(fields, current.problems, quiet);
  groupIdOutput.textContent = current.groupId ?? 'Fill in the three fields to see your group ID.';
  groupIdOutput.classList.toggle('placeholder', current.groupId === null);
  recordsSection.hidden = current.txtRecords.length === 0;
  renderInto(records, ...renderRecordsToRemove(current.txtRecords));
}

function showRemovedProblem(message: string | null): void {
  removedError.textContent = message ?? '';
  removedError.hidden = message === null;
  if (message) removed.setAttribute('aria-invalid', 'true');
  else removed.removeAttribute('aria-invalid');
}

async function send(): Promise<void> {
  for (const name of Object.keys(fields)) touched.add(name);
  update();
  const first = current.problems[0];
  if (first || !current.type) {
    fields[first?.field ?? 'type'].focus();
    return;
  }
  if (!removed.checked) {
    showRemovedProblem('Remove the TXT records first, then tick this box.');
    removed.focus();
    return;
  }
  showRemovedProblem(null);
  if (Date.now() < holdUntil) return;
  submit.disabled = true;
  apiResult.setAttribute('aria-busy', 'true');
  renderInto(apiResult, 'Asking the API to check that your records are gone…');
  const config = await configPromise;
  const outcome = await submitWithdrawal(config.apiBase, {
    owner: current.owner,
    type: current.type.code,
    domains: current.hostnames,
  });
  apiResult.setAttribute('aria-busy', 'false');
  renderInto(apiResult, ...renderWithdrawOutcome(outcome));
  submit.disabled = false;
  const field = outcome.kind === 'rejected' ? formFieldOf(outcome.field) : null;
  if (outcome.kind === 'rejected' && field) {
    showFieldProblems(fields, [{ field, message: outcome.error }]);
    fields[field].focus();
    return;
  }
  holdUntil = holdButton(submit, waitAfter(outcome));
  apiResult.querySelector<HTMLElement>('h3')?.focus();
}

/** Fills the form from the query string: a link from the member list names the group. */
function prefill(): void {
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

revealScripted();
prefill();
for (const [name, element] of Object.entries(fields)) {
  for (const kind of ['input', 'change']) {
    element.addEventListener(kind, () => {
      touched.add(name);
      update();
    });
  }
}
removed.addEventListener('change', () => {
  if (removed.checked) showRemovedProblem(null);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void send();
});
update();
