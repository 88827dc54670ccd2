// Members page: fetch the snapshot, group it, render a page of owners at a time.

import { RecordsError, readSnapshotDocument, type SnapshotRead } from '@symval/records/snapshot';
import { loadConfig } from '../config/load.js';
import { byId, renderInto, toDom } from '../dom/to-dom.js';
import { renderMember, renderTypeCounts } from '../members/render.js';
import { countByType, filterMembers, groupMembers, type Member } from '../snapshot/group.js';
import { followConfig, revealScripted } from './common.js';

/** Owners rendered per "Show more": enough to fill a screen, cheap for 10,000 records. */
const PAGE_SIZE = 50;

type State = 'loading' | 'ready' | 'empty' | 'error';

const main = byId('main');
const list = byId<HTMLOListElement>('member-list');
const status = byId('member-status');
const counts = byId<HTMLUListElement>('type-counts');
const filterText = byId<HTMLInputElement>('filter-text');
const filterType = byId<HTMLSelectElement>('filter-type');
const showMore = byId<HTMLButtonElement>('show-more');
const retry = byId<HTMLButtonElement>('retry');

let all: Member[] = [];
let shown: Member[] = [];
let rendered = 0;

function setState(state: State, message: string): void {
  main.dataset.members = state;
  list.setAttribute('aria-busy', String(state === 'loading'));
  status.textContent = message;
  retry.hidden = state !== 'error';
}

function appendPage(focusFirst: boolean): void {
  const next = shown.slice(rendered, rendered + PAGE_SIZE);
  const fragment = document.createDocumentFragment();
  for (const member of next) fragment.append(toDom(renderMember(member)));
  const first = fragment.firstElementChild;
  list.append(fragment);
  rendered += next.length;
  showMore.hidden = rendered >= shown.length;
  if (focusFirst && first) {
    // Keyboard users continue from the first new owner rather than from the button.
    const heading = first.querySelector('h3');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }
}

function describeShown(): string {
  const total = all.length;
  const owners = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'owner' : 'owners'}`;
  if (shown.length === total) return `${owners(total)}.`;
  if (shown.length === 0)
    return `No owner or hostname matches the filter (${owners(total)} in all).`;
  return `${owners(shown.length)} match the filter, of ${total.toLocaleString('en')}.`;
}

function applyFilter(): void {
  shown = filterMembers(all, filterText.value, filterType.value);
  list.replaceChildren();
  rendered = 0;
  appendPage(false);
  status.textContent = describeShown();
}

async function load(): Promise<void> {
  setState('loading', 'Loading members…');
  const config = await loadConfig();
  followConfig(config);
  let data: unknown;
  try {
    const response = await fetch(config.snapshotUrl);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    data = await response.json();
  } catch (error) {
    const why = error instanceof SyntaxError ? 'it is not valid JSON' : (error as Error).message;
    setState('error', `The member list could not be loaded (${why}). Try again in a moment.`);
    return;
  }
  // Bad entries are left out and counted; a document that is not a list, or holds no good
  // entry at all, is an error.
  let parsed: SnapshotRead;
  try {
    parsed = readSnapshotDocument(data);
  } catch (error) {
    if (!(error instanceof RecordsError)) throw error;
    const kind = typeof data === 'object' ? 'an object' : typeof data;
    setState(
      'error',
      `The member list could not be read: the member list should be a JSON array, but it is ${kind}.`,
    );
    return;
  }
  if (parsed.rejected.length > 0) {
    // For whoever looks after the list: which entries, and why (the page shows the count).
    console.warn(
      'entries of the member list left out:',
      parsed.rejected.slice(0, 20).map((p) => p.message),
    );
  }
  if (parsed.records.length === 0 && parsed.rejected.length > 0) {
    setState('error', 'The member list could not be read: not one of its entries is readable.');
    return;
  }
  all = groupMembers(parsed.records, config.priorityOwner);
  renderInto(counts, ...renderTypeCounts(countByType(all)));
  if (all.length === 0) {
    list.replaceChildren();
    setState('empty', 'No members yet. Be the first: see Join.');
  } else {
    applyFilter();
    const skipped = describeRejected(parsed.rejected.length);
    setState('ready', `${describeShown()}${skipped}`);
  }
  performance.mark('members-rendered');
}

function describeRejected(count: number): string {
  if (count === 0) return '';
  return count === 1
    ? ' 1 unreadable entry in the list was left out.'
    : ` ${count.toLocaleString('en')} unreadable entries in the list were left out.`;
}

let timer: ReturnType<typeof setTimeout> | undefined;
function scheduleFilter(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (main.dataset.members === 'ready') applyFilter();
  }, 120);
}

revealScripted();
byId('member-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(timer);
  if (main.dataset.members === 'ready') applyFilter();
});
filterText.addEventListener('input', scheduleFilter);
filterType.addEventListener('change', scheduleFilter);
showMore.addEventListener('click', () => appendPage(true));
retry.addEventListener('click', () => void load());
void load();
