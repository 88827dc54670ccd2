// The members page and the owner page over the sharded layout (records/v1/), written by the
// real builder, in Chromium: pages, the type filter from the counts, the text filter reading
// shards lazily, owner pages, and the whole file where there is no layout.
import { ownerPageId } from '@symval/records/snapshot';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { groupRecords, largeFixture, PRIORITY_OWNER, type RawRecord } from './support/fixtures.js';
import { type Harness, startHarness } from './support/harness.js';
import { buildLayout } from './support/layout.js';

let harness: Harness;
let served: string[] = [];

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  for (const path of served) harness.site.setRoute(path, null);
  served = [];
});

/** 2,000 records: the priority owner and 1,000-odd others. */
function club(): RawRecord[] {
  return [...groupRecords(PRIORITY_OWNER, 'b', ['zq.suns.bz']), ...largeFixture(1999)];
}

async function serveLayout(records: RawRecord[]): Promise<Map<string, string>> {
  const files = await buildLayout(records);
  for (const [key, body] of files) {
    harness.site.setRoute(`/${key}`, { body });
    served.push(`/${key}`);
  }
  return files;
}

async function settled(page: Page): Promise<string> {
  await page.waitForSelector('main[data-members]:not([data-members="loading"])');
  return (await page.getAttribute('main', 'data-members')) ?? '';
}

function ownerNames(page: Page): Promise<string[]> {
  return page.locator('#member-list > li .owner-name').allTextContents();
}

/** The owners of `records` in the layout's order (compareOwners), each once. */
function ownersOf(records: RawRecord[], type?: string): string[] {
  const names = new Set(records.filter((r) => !type || r.Type === type).map((r) => r.Owner));
  const key = (o: string) => o.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').toLowerCase();
  return [...names].sort((a, b) =>
    key(a) !== key(b) ? (key(a) < key(b) ? -1 : 1) : a < b ? -1 : 1,
  );
}

describe('members page over the sharded layout', () => {
  it('shows the first page from the index and the shards holding it, and the next on request', async () => {
    const records = club();
    const files = await serveLayout(records);
    const shards = [...files.keys()].filter((k) => k.startsWith('records/v1/shards/'));
    harness.configure({});
    const before = harness.site.requests.length;
    const { page, watch } = await harness.open('/');
    expect(await settled(page)).toBe('ready');
    const all = ownersOf(records);
    const others = all.filter((o) => o !== PRIORITY_OWNER);
    // The priority owner first, then the first page of 50 of the list without them.
    const first = await ownerNames(page);
    expect(first).toEqual([PRIORITY_OWNER, ...others.slice(0, 50)]);
    expect(await page.textContent('#member-status')).toContain(
      `${all.length.toLocaleString('en')} owners. Showing 51.`,
    );
    const requested = harness.site.requests.slice(before);
    expect(requested).not.toContain('/records/domains.json');
    const shardsRead = requested.filter((p) => p.startsWith('/records/v1/shards/'));
    expect(shardsRead.length).toBeGreaterThan(0);
    expect(shardsRead.length).toBeLessThan(shards.length / 4);

    await page.click('#show-more');
    await page.waitForFunction(() => document.querySelectorAll('#member-list > li').length > 51);
    expect(await ownerNames(page)).toEqual([PRIORITY_OWNER, ...others.slice(0, 100)]);
    expect(watch.errors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('filters by symmetry type from the counts: only owners and groups of that type', async () => {
    const records = club();
    await serveLayout(records);
    harness.configure({});
    const { page } = await harness.open('/');
    expect(await settled(page)).toBe('ready');
    // The fixture's pairs are all of type h.
    await page.selectOption('#filter-type', 'h');
    const ofE = ownersOf(records, 'h');
    expect(ofE.length).toBeGreaterThan(50);
    await page.waitForFunction(
      (text) => document.querySelector('#member-status')?.textContent?.startsWith(text),
      `${ofE.length.toLocaleString('en')} owners with this symmetry`,
    );
    expect(await ownerNames(page)).toEqual(ofE.slice(0, 50));
    const types = await page
      .locator('#member-list .group')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-type')));
    expect(new Set(types)).toEqual(new Set(['h']));
    await page.close();
  });

  it('filters by text, reading shards in list order with its progress shown', async () => {
    const records = club();
    const files = await serveLayout(records);
    const shards = [...files.keys()].filter((k) => k.startsWith('records/v1/shards/'));
    harness.configure({});
    const { page } = await harness.open('/');
    expect(await settled(page)).toBe('ready');
    // Hostnames me<i>.example.com: i = 3, 103, 203, … (and 1003, …) contain "me3".
    const matching = ownersOf(records.filter((r) => r.Hostname.includes('me3')));
    const before = harness.site.requests.length;
    await page.fill('#filter-text', 'ME3');
    await page.waitForSelector('main[data-search="done"], main[data-search="paused"]');
    const status = (await page.textContent('#member-status')) ?? '';
    const names = await ownerNames(page);
    // Fewer than a page: the search reads to the end and says how many it found.
    expect(matching.length).toBeGreaterThan(1);
    expect(matching.length).toBeLessThanOrEqual(50);
    expect(await page.getAttribute('main', 'data-search')).toBe('done');
    expect(names).toEqual(matching);
    expect(status).toContain(`${matching.length} owners match the filter`);
    const hostnames = await page.locator('#member-list .hostnames li').allTextContents();
    for (const name of hostnames) expect(name).toContain('me3');
    const read = harness.site.requests
      .slice(before)
      .filter((p) => p.startsWith('/records/v1/shards/'));
    expect(read.length).toBeLessThanOrEqual(shards.length);

    // Many matches: the search stops after a screen of them and says how far it got.
    await page.fill('#filter-text', 'snus');
    await page.waitForFunction(() =>
      document.querySelector('#member-status')?.textContent?.startsWith('Searching…'),
    );
    await page.waitForSelector('main[data-search="paused"]');
    expect(await page.textContent('#member-status')).toMatch(
      /^Searching… [\d,]+ of [\d,]+ owners searched, [\d,]+ found so far\.$/,
    );
    const snus = ownersOf(records.filter((r) => r.Hostname.includes('snus')));
    expect(await ownerNames(page)).toEqual(snus.slice(0, 50));
    await page.click('#show-more');
    await page.waitForFunction(() => document.querySelectorAll('#member-list > li').length > 50);
    expect(await ownerNames(page)).toEqual(snus.slice(0, 100));

    // An owner's name: only their groups, all of them.
    await page.fill('#filter-text', 'member00007.');
    await page.waitForFunction(() =>
      document.querySelector('#member-status')?.textContent?.startsWith('1 owner match'),
    );
    expect(await ownerNames(page)).toEqual(['https://member00007.example']);
    await page.close();
  });

  it('links each owner to an owner page that lists their groups, drawn, with a link back', async () => {
    const records = club();
    await serveLayout(records);
    harness.configure({});
    const { page, watch } = await harness.open('/');
    expect(await settled(page)).toBe('ready');
    const second = page.locator('#member-list > li').nth(1);
    const owner = (await second.locator('.owner-name').textContent()) ?? '';
    await second.locator('a.owner-page').click();
    await page.waitForSelector('main[data-owner]:not([data-owner="loading"])');
    expect(new URL(page.url()).pathname).toBe(`/owners/${ownerPageId(owner)}/`);
    expect(await page.getAttribute('main', 'data-owner')).toBe('ready');
    expect(await page.textContent('#owner-heading')).toBe(owner);
    const mine = records.filter((r) => r.Owner === owner);
    const groups = new Set(mine.map((r) => r.GroupID)).size;
    expect(await page.locator('#owner-groups > li.group').count()).toBe(groups);
    expect(await page.locator('#owner-groups > li.group .visual').count()).toBe(groups);
    expect((await page.locator('#owner-groups .hostnames li').allTextContents()).sort()).toEqual(
      mine.map((r) => r.Hostname).sort(),
    );
    expect(await page.textContent('#owner-status')).toBe(
      `${groups} ${groups === 1 ? 'group' : 'groups'}.`,
    );
    // The page's files load from two levels down, and the way back leads to the list.
    await page.click('#back');
    expect(await settled(page)).toBe('ready');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(watch.errors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('says so on the owner page of nobody, and redirects the path without its slash', async () => {
    await serveLayout(club());
    harness.configure({});
    const id = ownerPageId('https://nobody.example');
    const { page } = await harness.open(`/owners/${id}`);
    await page.waitForSelector('main[data-owner]:not([data-owner="loading"])');
    expect(new URL(page.url()).pathname).toBe(`/owners/${id}/`);
    expect(await page.getAttribute('main', 'data-owner')).toBe('missing');
    expect(await page.textContent('#owner-status')).toContain('No member has this owner page');
    await page.close();
  });

  it('reads the whole file when the deployment has no layout, owner pages included', async () => {
    const records = club();
    harness.configure({});
    harness.serveSnapshot(JSON.stringify(records));
    const { page, watch } = await harness.open('/');
    expect(await settled(page)).toBe('ready');
    const all = ownersOf(records);
    expect(await page.textContent('#member-status')).toBe(
      `${all.length.toLocaleString('en')} owners.`,
    );
    expect(harness.site.requests).toContain('/records/v1/index.json');
    const owner = 'https://member00003.example';
    await page.goto(new URL(`owners/${ownerPageId(owner)}/`, harness.site.url).href);
    await page.waitForSelector('main[data-owner]:not([data-owner="loading"])');
    expect(await page.textContent('#owner-heading')).toBe(owner);
    expect(await page.locator('#owner-groups > li.group').count()).toBe(
      new Set(records.filter((r) => r.Owner === owner).map((r) => r.GroupID)).size,
    );
    expect(watch.errors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});
