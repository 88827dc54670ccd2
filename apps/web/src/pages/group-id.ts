// Group ID page: the calculator, and a reader that takes a group ID apart.
import { hashHostnames, hashOwner, safeParseGroupId } from '@symval/groupid';
import { loadConfig } from '../config/load.js';
import { byId, renderInto } from '../dom/to-dom.js';
import { h, type VNode } from '../dom/vnode.js';
import { computeJoin } from '../join/compute.js';
import { enableCopyButtons, followConfig, revealScripted, showFieldProblems } from './common.js';

const fields = {
  owner: byId<HTMLInputElement>('calc-owner'),
  type: byId<HTMLSelectElement>('calc-type'),
  domains: byId<HTMLTextAreaElement>('calc-domains'),
};
const output = byId('calc-id');
const copy = byId<HTMLButtonElement>('calc-copy');
const parseInput = byId<HTMLInputElement>('parse-id');
const parseOutput = byId('parse-result');
const touched = new Set<string>();

function calculate(): void {
  const result = computeJoin({
    owner: fields.owner.value,
    type: fields.type.value,
    domains: fields.domains.value,
  });
  const quiet = new Set(Object.keys(fields).filter((name) => !touched.has(name)));
  showFieldProblems(fields, result.problems, quiet);
  output.textContent = result.groupId ?? 'Fill in the three fields to see the group ID.';
  output.classList.toggle('placeholder', result.groupId === null);
  copy.hidden = result.groupId === null;
  copy.dataset.copy = result.groupId ?? '';
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
for (const [name, element] of Object.entries(fields)) {
  for (const kind of ['input', 'change']) {
    element.addEventListener(kind, () => {
      touched.add(name);
      calculate();
    });
  }
}
parseInput.addEventListener('input', readGroupId);
byId('calc-form').addEventListener('submit', (event) => event.preventDefault());
byId('parse-form').addEventListener('submit', (event) => event.preventDefault());
enableCopyButtons(byId('calculator'), byId('calc-status'));
calculate();
void loadConfig().then(followConfig);
