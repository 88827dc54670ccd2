// Join page: compute the group ID as the visitor types, show the TXT records and the symmetry
// check, then ask the API to attest.
import { submitAttestation } from '../api/attest.js';
import { loadConfig } from '../config/load.js';
import { byId, renderInto } from '../dom/to-dom.js';
import { computeJoin, type JoinComputation } from '../join/compute.js';
import { renderExplanation, renderOutcome, renderTxtRows } from '../join/render.js';
import { formFieldOf, waitAfter } from '../site/answers.js';
import { explainSymmetry } from '../symmetry/explain.js';
import {
  enableCopyButtons,
  followConfig,
  holdButton,
  revealScripted,
  showFieldProblems,
} from './common.js';

const form = byId<HTMLFormElement>('join-form');
const fields = {
  owner: byId<HTMLInputElement>('owner'),
  type: byId<HTMLSelectElement>('type'),
  domains: byId<HTMLTextAreaElement>('domains'),
};
const groupIdOutput = byId('group-id');
const txtSection = byId('txt-section');
const txtRows = byId('txt-rows');
const symmetryCheck = byId('symmetry-check');
const submit = byId<HTMLButtonElement>('submit');
const apiResult = byId('api-result');
const announcer = byId('copy-status');

const configPromise = loadConfig();
void configPromise.then(followConfig);
// Problems show only for fields the visitor has changed, until they try to submit.
const touched = new Set<string>();
let renderedTxtKey = '';
let current: JoinComputation = computeJoin({ owner: '', type: '', domains: '' });

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
  txtSection.hidden = current.txtRecords.length === 0;
  // Re-render only on change: a blur fires "change", and replacing the rows then would take
  // the focus away from the copy button the visitor just tabbed to.
  const txtKey = JSON.stringify(current.txtRecords);
  if (txtKey !== renderedTxtKey) {
    renderInto(txtRows, ...renderTxtRows(current.txtRecords));
    renderedTxtKey = txtKey;
  }
  const notes = byId('owner-note');
  notes.textContent = current.notes.join(' ');
  notes.hidden = current.notes.length === 0;
  if (
    current.type &&
    current.hostnames.length > 0 &&
    !current.problems.some((p) => p.field === 'domains')
  ) {
    renderInto(
      symmetryCheck,
      ...renderExplanation(explainSymmetry(current.type, current.hostnames)),
    );
  } else {
    renderInto(symmetryCheck);
  }
}

let holdUntil = 0;

async function send(): Promise<void> {
  for (const name of Object.keys(fields)) touched.add(name);
  update();
  const first = current.problems[0];
  if (first || !current.type) {
    fields[first?.field ?? 'type'].focus();
    return;
  }
  if (Date.now() < holdUntil) return;
  submit.disabled = true;
  apiResult.setAttribute('aria-busy', 'true');
  renderInto(apiResult, 'Asking the API to check your DNS records…');
  const config = await configPromise;
  const outcome = await submitAttestation(config.apiBase, {
    owner: current.owner,
    type: current.type.code,
    domains: current.hostnames,
  });
  apiResult.setAttribute('aria-busy', 'false');
  renderInto(apiResult, ...renderOutcome(outcome, current.groupId));
  submit.disabled = false;
  const field = outcome.kind === 'rejected' ? formFieldOf(outcome.field) : null;
  if (outcome.kind === 'rejected' && field) {
    // The message is shown under the field; the answer area only points at it.
    showFieldProblems(fields, [{ field, message: outcome.error }]);
    fields[field].focus();
    return;
  }
  holdUntil = holdButton(submit, waitAfter(outcome));
  apiResult.querySelector<HTMLElement>('h3')?.focus();
}

revealScripted();
for (const [name, element] of Object.entries(fields)) {
  element.addEventListener('input', () => {
    touched.add(name);
    update();
  });
  element.addEventListener('change', () => {
    touched.add(name);
    update();
  });
}
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void send();
});
enableCopyButtons(txtSection, announcer);
update();
