// Join page: compute the group ID as the visitor types, show the TXT records and the symmetry
// check, then ask the API to attest.
import { type AttestOutcome, submitAttestation } from '../api/attest.js';
import { byId, renderInto } from '../dom/to-dom.js';
import { renderExplanation, renderOutcome, renderTxtRows } from '../join/render.js';
import { explainSymmetry } from '../symmetry/explain.js';
import { enableCopyButtons } from './common.js';
import { startGroupForm } from './group-form.js';

const txtSection = byId('txt-section');
const txtRows = byId('txt-rows');
const symmetryCheck = byId('symmetry-check');
const notes = byId('owner-note');
let renderedTxtKey = '';

startGroupForm<AttestOutcome>({
  formId: 'join-form',
  onUpdate(current) {
    txtSection.hidden = current.txtRecords.length === 0;
    // Re-render only on change: a blur fires "change", and replacing the rows then would take
    // the focus away from the copy button the visitor just tabbed to.
    const txtKey = JSON.stringify(current.txtRecords);
    if (txtKey !== renderedTxtKey) {
      renderInto(txtRows, ...renderTxtRows(current.txtRecords));
      renderedTxtKey = txtKey;
    }
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
  },
  busyText: 'Asking the API to check your DNS records…',
  ask: submitAttestation,
  render: (outcome, asked) => renderOutcome(outcome, asked.groupId),
});
enableCopyButtons(txtSection, byId('copy-status'));
