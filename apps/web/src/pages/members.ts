// Members page: the sharded layout's index and only the shards a page shows, or, where a
// deployment has no layout yet, the whole snapshot grouped in the page; a page of owners at a
// time either way.

import {
  createHttpLayoutFetch,
  findLayoutOwner,
  type LayoutFetch,
  type LayoutIndex,
  ownerPageId,
  RecordsError,
  readLayoutIndex,
  readLayoutPage,
  readSnapshotDocument,
  type SnapshotRead,
  type SymmetryCode,
} from '@symval/records/snapshot';
import type { SiteConfig } from '../config/config.js';
import { loadConfig } from '../config/load.js';
import { byId, renderInto, toDom } from '../dom/to-dom.js';
import {
  LayoutSearch,
  layoutIndexUrl,
  layoutTypeCounts,
  memberOfLayoutOwner,
} from '../layout/members.js';
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

/** The layout, when the deployment publishes one; the whole file is read otherwise. */
let layout:
  | { fetch: LayoutFetch; index: LayoutIndex; priority: Promise<Member | undefined> }
  | undefined;
let layoutShown = 0;
let search: LayoutSearch | undefined;
/** Grows with every filter change, so answers for an older filter are dropped. */
let generation = 0;
let priorityOwner: string | null = null;
const rejectedSeen = new Set<string>();

function setState(state: State, message: string): void {
  main.dataset.members = state;
  list.setAttribute('aria-busy', String(state === 'loading'));
  status.textContent = message;
  retry.hidden = state !== 'error';
}

function appendMembers(next: readonly Member[], focusFirst: boolean): void {
  const fragment = document.createDocumentFragment();
  for (const member of next) fragment.append(toDom(renderMember(member)));
  const first = fragment.firstElementChild;
  list.append(fragment);
  rendered += next.length;
  if (focusFirst && first) {
    // Keyboard users continue from the first new owner rather than from the button.
    const heading = first.querySelector('h3');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }
}

function appendPage(focusFirst: boolean): void {
  appendMembers(shown.slice(rendered, rendered + PAGE_SIZE), focusFirst);
  showMore.hidden = rendered >= shown.length;
}

const owners = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'owner' : 'owners'}`;

function describeShown(): string {
  const total = all.length;
  if (shown.length === total) return `${owners(total)}.`;
  if (shown.length === 0)
    return `No owner or hostname matches the filter (${owners(total)} in all).`;
  return `${owners(shown.length)} match the filter, of ${total.toLocaleString('en')}.`;
}

function applyFilter(): void {
  if (layout) {
    void applyLayoutFilter(layout);
    return;
  }
  shown = filterMembers(all, filterText.value, filterType.value);
  list.replaceChildren();
  rendered = 0;
  appendPage(false);
  status.textContent = describeShown();
}

function noteRejected(problems: readonly { message: string; file?: string; index: number }[]) {
  const fresh = problems.filter((p) => !rejectedSeen.has(`${p.file}\u0000${p.index}`));
  for (const p of fresh) rejectedSeen.add(`${p.file}\u0000${p.index}`);
  if (fresh.length > 0) {
    console.warn(
      'entries of the member list left out:',
      fresh.slice(0, 20).map((p) => p.message),
    );
  }
}

function layoutType(): SymmetryCode | undefined {
  return filterType.value === '' ? undefined : (filterType.value as SymmetryCode);
}

/** The next page of the layout's list (no text filter): only the shards holding it are read. */
async function appendLayoutPage(
  current: NonNullable<typeof layout>,
  mine: number,
  focusFirst: boolean,
  lead?: Promise<Member | undefined>,
): Promise<void> {
  const type = layoutType();
  // The featured owner (looked up by page id) and the page are read at the same time.
  const [page, first] = await Promise.all([
    readLayoutPage(current.fetch, current.index, { offset: layoutShown, limit: PAGE_SIZE, type }),
    lead,
  ]);
  if (mine !== generation) return;
  noteRejected(page.rejected);
  layoutShown += page.owners.length;
  // Unfiltered, the featured owner leads the list and is left out where they sort.
  const members = page.owners
    .filter((owner) => type !== undefined || owner.Owner !== priorityOwner)
    .map((owner) => memberOfLayoutOwner(owner, priorityOwner));
  appendMembers(first ? [first, ...members] : members, focusFirst);
  showMore.hidden = layoutShown >= page.total;
  const total = page.total;
  const skipped = describeRejected(rejectedSeen.size);
  status.textContent =
    type === undefined
      ? `${owners(total)}. Showing ${rendered.toLocaleString('en')}.${skipped}`
      : `${owners(total)} with this symmetry, of ${current.index.totals.owners.toLocaleString('en')}. Showing ${rendered.toLocaleString('en')}.${skipped}`;
}

function describeSearch(current: LayoutSearch): string {
  const { ownersSearched, ownersTotal, done } = current.progress;
  const found = current.matches.length;
  const skipped = describeRejected(rejectedSeen.size);
  if (done) {
    return found === 0
      ? `No owner or hostname matches the filter (${owners(ownersTotal)} searched).${skipped}`
      : `${owners(found)} match the filter, of ${ownersTotal.toLocaleString('en')}.${skipped}`;
  }
  return `Searching… ${ownersSearched.toLocaleString('en')} of ${owners(ownersTotal)} searched, ${found.toLocaleString('en')} found so far.${skipped}`;
}

/** Reads on until the next screen of matches is there, then renders it. */
async function appendSearchPage(current: LayoutSearch, mine: number, focusFirst: boolean) {
  main.dataset.search = 'running';
  showMore.hidden = true;
  const going = await current.more(rendered + PAGE_SIZE);
  if (!going || mine !== generation) return;
  noteRejected(current.rejected);
  appendMembers(current.matches.slice(rendered, rendered + PAGE_SIZE), focusFirst);
  const { done } = current.progress;
  showMore.hidden = done && rendered >= current.matches.length;
  main.dataset.search = done ? 'done' : 'paused';
  status.textContent = describeSearch(current);
}

async function applyLayoutFilter(current: NonNullable<typeof layout>): Promise<void> {
  const mine = ++generation;
  search?.stop();
  search = undefined;
  list.replaceChildren();
  rendered = 0;
  layoutShown = 0;
  const query = filterText.value.trim();
  try {
    if (query === '') {
      main.dataset.search = 'none';
      const lead = layoutType() === undefined ? current.priority : undefined;
      await appendLayoutPage(current, mine, false, lead);
      return;
    }
    const started = new LayoutSearch(
      current.fetch,
      current.index,
      query,
      filterType.value as SymmetryCode | '',
      priorityOwner,
      () => {
        if (mine === generation) status.textContent = describeSearch(started);
      },
    );
    search = started;
    status.textContent = describeSearch(started);
    await appendSearchPage(started, mine, false);
  } catch (error) {
    if (mine === generation) showLayoutError(error);
  }
}

function showLayoutError(error: unknown): void {
  const why =
    error instanceof RecordsError && error.code === 'layout.missing'
      ? 'the list changed while it was read'
      : (error as Error).message;
  setState('error', `The member list could not be loaded (${why}). Try again in a moment.`);
}

function onShowMore(): void {
  if (!layout) {
    appendPage(true);
    return;
  }
  const mine = generation;
  const next = search ? appendSearchPage(search, mine, true) : appendLayoutPage(layout, mine, true);
  next.catch((error: unknown) => {
    if (mine === generation) showLayoutError(error);
  });
}

/** The layout's index, or `undefined` when the deployment has none (read the whole file). */
async function loadLayout(config: SiteConfig): Promise<typeof layout> {
  const fetchLayout = createHttpLayoutFetch(layoutIndexUrl(config.snapshotUrl), {
    init: { cache: 'no-cache' },
  });
  const index = await readLayoutIndex(fetchLayout);
  if (!index) return undefined;
  const featured = config.priorityOwner;
  // Looked up once, while the first page is read; a failure only loses the featured place.
  const priority = featured
    ? findLayoutOwner(fetchLayout, ownerPageId(featured), { index }).then(
        (found) => (found ? memberOfLayoutOwner(found.owner, featured) : undefined),
        (error: unknown) => {
          console.warn('symval: the featured owner could not be read', error);
          return undefined;
        },
      )
    : Promise.resolve(undefined);
  return { fetch: fetchLayout, index, priority };
}

async function loadFromLayout(config: SiteConfig): Promise<boolean> {
  let loaded: typeof layout;
  try {
    loaded = await loadLayout(config);
  } catch (error) {
    showLayoutError(error);
    return true;
  }
  if (!loaded) return false;
  layout = loaded;
  renderInto(counts, ...renderTypeCounts(layoutTypeCounts(loaded.index)));
  if (loaded.index.totals.owners === 0) {
    list.replaceChildren();
    setState('empty', 'No members yet. Be the first: see Join.');
    return true;
  }
  await applyLayoutFilter(loaded);
  if (main.dataset.members !== 'error') {
    // The status already says how many; only the state changes.
    main.dataset.members = 'ready';
    list.setAttribute('aria-busy', 'false');
    retry.hidden = true;
  }
  return true;
}

async function load(): Promise<void> {
  setState('loading', 'Loading members…');
  const config = await loadConfig();
  followConfig(config);
  priorityOwner = config.priorityOwner;
  rejectedSeen.clear();
  if (await loadFromLayout(config)) {
    performance.mark('members-rendered');
    return;
  }
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
showMore.addEventListener('click', onShowMore);
retry.addEventListener('click', () => void load());
void load();
