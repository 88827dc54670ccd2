// Group ID page: the calculator, and a reader that takes a group ID apart.
import { hashHostnames, hashOwner, safeParseGroupId } from '@symval/groupid';
import { loadConfig } from '../config/load.js';
import { byId, renderInto } from '../dom/to-dom.js';
import { h, type VNode } from '../dom/vnode.js';
import { computeJoin, type JoinComputation } from '../join/compute.js';
import { enableCopyButtons, followConfig, revealScripted } from './common.js';
import { watchGroupFields } from './group-form.js';

const fields = {
  owner: byId<HTMLInputElement>('calc-owner'),
  type: byId<HTMLSelectElement>('calc-type'),
  domains: byId<HTMLTextAreaElement>('calc-domains'),
};
const output = byId('calc-id');
const copy = byId<HTMLButtonElement>('calc-copy');
const parseInput = byId<HTMLInputElement>('parse-id');
const parseOutput = byId('parse-result');

/** The calculator's group ID, with its copy button. */
function showCopy(current: JoinComputation): void {
  copy.hidden = current.groupId === null;
  copy.dataset.copy = current.groupId ?? '';
  readGroupId();
}

function row(name: string, value: string, note?: string): VNode {
  return h(
    'tr',
    null,
    h('th', { scope: 'row' }, name),
    h('td', null, h('code', null, value), note ? ` ${note}` : null),
  );
}

function readGroupId(): void {
  const raw = parseInput.value.trim();
  if (raw === '') {
    renderInto(parseOutput);
    return;
  }
  const parsed = safeParseGroupId(raw);
  if (parsed instanceof Error) {
    renderInto(
      parseOutput,
      h('p', { class: 'verdict bad' }, `✗ Not a group ID: ${parsed.message}.`),
    );
    return;
  }
  // Compare with the calculator's inputs when they are filled in: which part differs.
  const owner = fields.owner.value;
  const names = computeJoin({ owner: 'x', type: 'a', domains: fields.domains.value }).hostnames;
  const ownerNote = owner
    ? hashOwner(owner) === parsed.ownerHash
      ? '(matches the owner above)'
      : '(not the owner above)'
    : undefined;
  const namesNote =
    names.length > 0
      ? hashHostnames(names) === parsed.domainsHash
        ? '(matches the hostnames above)'
        : '(not the hostnames above)'
      : undefined;
  renderInto(
    parseOutput,
    h(
      'table',
      { class: 'parts' },
      h('caption', null, 'The parts of this group ID'),
      h(
        'tbody',
        null,
        row('version', parsed.version),
        row('type code', parsed.typeCode),
        row('owner hash', parsed.ownerHash, ownerNote),
        row('hostnames hash', parsed.domainsHash, namesNote),
      ),
    ),
  );
}

revealScripted();
const calculator = watchGroupFields(
  fields,
  output,
  'Fill in the three fields to see the group ID.',
  showCopy,
);
parseInput.addEventListener('input', readGroupId);
byId('calc-form').addEventListener('submit', (event) => event.preventDefault());
byId('parse-form').addEventListener('submit', (event) => event.preventDefault());
enableCopyButtons(byId('calculator'), byId('calc-status'));
calculator.update();
void loadConfig().then(followConfig);
