import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/chromium.js';
import {
  groupRecords,
  largeFixture,
  MEMBERS_ORDER,
  membersFixture,
  PRIORITY_OWNER,
  toSnapshotJson,
} from './support/fixtures.js';
import { type Harness, startHarness } from './support/harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function settled(page: Page): Promise<string> {
  await page.waitForSelector('main[data-members]:not([data-members="loading"])');
  return (await page.getAttribute('main', 'data-members')) ?? '';
}

function ownerNames(page: Page): Promise<string[]> {
  return page.locator('#member-list > li .owner-name').allTextContents();
}

describe('members page', () => {
  it('lists the priority owner first and then the others alphabetically, ignoring URL scheme and case', async () => {
    harness.configure({});
    harness.serveSnapshot(toSnapshotJson(membersFixture()));
    const { page, watch } = await harness.open('/');
    expect(await settled(page)).toBe('ready');
    expect(await ownerNames(page)).toEqual(MEMBERS_ORDER);
    expect(await page.locator('#member-list > li').first().getAttribute('class')).toContain(
      'priority',
    );
    expect(await page.textContent('#member-status')).toContain('7 owners');
    await saveScreenshot(page, 'members');
    expect(watch.errors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('shows each owner’s groups with the symmetry label, the hostnames and the validation day', async () => {
    harness.serveSnapshot(toSnapshotJson(membersFixture()));
    const { page } = await harness.open('/');
    await settled(page);
    const priority = page.locator('#member-list > li').first();
    expect(await priority.locator('.group .type-label').allTextContents()).toEqual([
      'Palindrome',
      'Flip 180°',
    ]);
    expect(await priority.locator('.group .hostnames').allTextContents()).toEqual([
      'zb.snus.suns.bz',
      'zq.suns.bz',
    ]);
    const dave = page.locator('#member-list > li', { hasText: 'dave.example' });
    // 10:00 at +02:00 is 08:00 UTC on the same day.
    expect(await dave.locator('time').getAttribute('datetime')).toBe('2026-11-21T08:00:00.000Z');
    expect(await dave.locator('.hostnames li').allTextContents()).toEqual(['ns.bz', 'zq.su']);
    await page.close();
  });

  it('draws each symmetry: the flip turned 180°, the palindrome centre marked, mirrored pairs aligned label by label', async () => {
    harness.serveSnapshot(toSnapshotJson(membersFixture()));
    const { page } = await harness.open('/');
    await settled(page);
    const turned = page.locator('.group[data-type="b"] .visual .turned');
    expect(await turned.textContent()).toBe('zq.suns.bz');
    // The browser really applies the rotation: a 180° matrix is (-1, 0, 0, -1).
    expect(await turned.evaluate((el) => getComputedStyle(el).transform)).toBe(
      'matrix(-1, 0, 0, -1, 0, 0)',
    );
    const mirrored = page.locator('.group[data-type="d"] .visual .mirrored');
    expect(await mirrored.evaluate((el) => getComputedStyle(el).transform)).toBe(
      'matrix(-1, 0, 0, 1, 0, 0)',
    );
    const centre = page
      .locator('#member-list > li')
      .first()
      .locator('.group[data-type="a"] .centre');
    expect(await centre.textContent()).toBe('.');
    // Mirror names: columns pair "com.example.me" read from the right with "me.example.com".
    const cells = await page.locator('.group[data-type="e"] .rows > span').allTextContents();
    expect(cells).toEqual(['→', '←', 'com', 'com', 'example', 'example', 'me', 'me']);
    const boxes = await page
      .locator('.group[data-type="e"] .rows > .label')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
    expect(boxes[0]).toBe(boxes[1]);
    expect(boxes[2]).toBe(boxes[3]);
    expect(boxes[2]).toBeGreaterThan(boxes[0]!);
    await page.close();
  });

  it('draws a snapshot entry that is not a palindrome without a palindrome’s centre mark', async () => {
    harness.serveSnapshot(
      toSnapshotJson([
        ...groupRecords('https://real.example', 'a', ['zb.snus.suns.bz']),
        // Not a palindrome, yet listed as one (a stale or hand-edited snapshot).
        ...groupRecords('https://stale.example', 'a', ['abc.example']),
      ]),
    );
    const { page } = await harness.open('/');
    await settled(page);
    const real = page.locator('#member-list > li', { hasText: 'real.example' });
    expect(await real.locator('.visual .centre').textContent()).toBe('.');
    const stale = page.locator('#member-list > li', { hasText: 'stale.example' });
    expect(await stale.locator('.visual .centre, .visual .axis').count()).toBe(0);
    expect(await stale.locator('.visual .differs').count()).toBeGreaterThan(0);
    expect(await stale.locator('.visual .caption').textContent()).toBe(
      'not a palindrome: read backwards, it differs where marked',
    );
    await saveScreenshot(page, 'members-not-a-palindrome');
    await page.close();
  });

  it('counts groups and hostnames per symmetry type', async () => {
    harness.serveSnapshot(toSnapshotJson(membersFixture()));
    const { page } = await harness.open('/');
    await settled(page);
    const counts = await page.locator('#type-counts li').allTextContents();
    expect(counts).toEqual([
      'Palindrome 2 groups, 2 hostnames',
      'Flip 180° 1 group, 1 hostname',
      'Double flip 180° 1 group, 2 hostnames',
      'Mirror text 1 group, 1 hostname',
      'Mirror names 1 group, 2 hostnames',
      'Double palindrome 1 group, 2 hostnames',
      'Single mirror names 1 group, 1 hostname',
      'Double mirror text 1 group, 2 hostnames',
    ]);
    await page.close();
  });

  it('filters by owner or hostname text and by symmetry type', async () => {
    harness.serveSnapshot(toSnapshotJson(membersFixture()));
    const { page } = await harness.open('/');
    await settled(page);
    await page.fill('#filter-text', 'ALICE');
    await expect
      .poll(() => ownerNames(page))
      .toEqual(['https://Alice.example', 'https://alice.example/blog']);
    await page.fill('#filter-text', 'duq');
    await expect
      .poll(() => ownerNames(page))
      .toEqual(['https://alice.example/blog', 'https://erin.example']);
    // Erin matched by hostname: only the matching group is shown.
    expect(
      await page.locator('#member-list > li', { hasText: 'erin' }).locator('.group').count(),
    ).toBe(1);
    await page.fill('#filter-text', '');
    await page.selectOption('#filter-type', 'a');
    await expect.poll(() => ownerNames(page)).toEqual([PRIORITY_OWNER, 'https://Alice.example']);
    await page.fill('#filter-text', 'nothing-matches-this');
    await expect
      .poll(() => page.textContent('#member-status'))
      .toContain('No owner or hostname matches');
    expect(await page.locator('#member-list > li').count()).toBe(0);
    await page.close();
  });

  it('shows the configured priority owner first when config.json names another one', async () => {
    harness.configure({ priorityOwner: 'https://erin.example' });
    harness.serveSnapshot(toSnapshotJson(membersFixture()));
    const { page } = await harness.open('/');
    await settled(page);
    const names = await ownerNames(page);
    expect(names[0]).toBe('https://erin.example');
    // The default priority owner is now an ordinary member, sorted with the rest.
    expect(names.slice(1)).toEqual([
      'https://Alice.example',
      'https://alice.example/blog',
      'http://bob.example',
      'Carol Example',
      'https://dave.example/',
      PRIORITY_OWNER,
    ]);
    harness.configure({});
    await page.close();
  });

  it('reads the snapshot from the URL config.json gives', async () => {
    harness.site.setRoute('/elsewhere/list.json', {
      body: toSnapshotJson(groupRecords('https://moved.example', 'a', ['aba.example'])),
    });
    harness.configure({ snapshotUrl: 'elsewhere/list.json' });
    const { page } = await harness.open('/');
    await settled(page);
    expect(await ownerNames(page)).toEqual(['https://moved.example']);
    harness.configure({});
    await page.close();
  });

  it('renders 10,000 records one page of owners at a time and shows more on request', async () => {
    harness.serveSnapshot(toSnapshotJson(largeFixture(10_000)));
    const { page } = await harness.open('/');
    expect(await settled(page)).toBe('ready');
    expect(await page.locator('#member-list > li').count()).toBe(50);
    const status = await page.textContent('#member-status');
    expect(status).toMatch(/^\d{1,3}(,\d{3})* owners\.$/);
    await page.focus('#show-more');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#member-list > li').count()).toBe(100);
    // Focus moves to the first newly shown owner, so keyboard users carry on from there.
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused).toBe((await ownerNames(page))[50]);
    await page.close();
  });

  it('says it is loading while the snapshot is on its way', async () => {
    harness.serveSnapshot(toSnapshotJson(membersFixture()), { delayMs: 1500 });
    const { page } = await harness.open('/');
    expect(await page.getAttribute('main', 'data-members')).toBe('loading');
    expect(await page.textContent('#member-status')).toBe('Loading members…');
    expect(await page.getAttribute('#member-list', 'aria-busy')).toBe('true');
    await saveScreenshot(page, 'members-loading');
    expect(await settled(page)).toBe('ready');
    expect(await page.getAttribute('#member-list', 'aria-busy')).toBe('false');
    await page.close();
  });

  it('says there are no members yet when the snapshot is an empty array', async () => {
    harness.serveSnapshot('[]');
    const { page } = await harness.open('/');
    expect(await settled(page)).toBe('empty');
    expect(await page.textContent('#member-status')).toContain('No members yet');
    await saveScreenshot(page, 'members-empty');
    await page.close();
  });

  it('shows an error with a retry button when the snapshot fails, and recovers on retry', async () => {
    harness.serveSnapshot('upstream broke', { status: 500 });
    const { page } = await harness.open('/');
    expect(await settled(page)).toBe('error');
    expect(await page.textContent('#member-status')).toContain('could not be loaded (HTTP 500)');
    await saveScreenshot(page, 'members-error');
    harness.serveSnapshot(toSnapshotJson(membersFixture()));
    await page.click('#retry');
    await expect.poll(() => page.getAttribute('main', 'data-members')).toBe('ready');
    expect(await ownerNames(page)).toEqual(MEMBERS_ORDER);
    await page.close();
  });

  it('leaves out an unreadable entry and says so, and fails only when no entry is readable', async () => {
    const club = [
      ...groupRecords('https://me.example.org', 'e', ['me.example.org', 'org.example.me']),
      // The existing club's example file has such an entry: a type name, no group ID, no time.
      {
        Owner: 'https://zq.suns.bz',
        Type: 'flip180',
        Hostname: 'zq.suns.bz',
        GroupID: '',
        ValidateTime: '',
      },
    ];
    harness.serveSnapshot(toSnapshotJson(club));
    const partly = await harness.open('/');
    expect(await settled(partly.page)).toBe('ready');
    expect(await ownerNames(partly.page)).toEqual(['https://me.example.org']);
    expect(await partly.page.textContent('#member-status')).toBe(
      '1 owner. 1 unreadable entry in the list was left out.',
    );
    await partly.page.close();
    harness.serveSnapshot(toSnapshotJson(club.slice(2)));
    const none = await harness.open('/');
    expect(await settled(none.page)).toBe('error');
    expect(await none.page.textContent('#member-status')).toContain(
      'not one of its entries is readable',
    );
    await none.page.close();
  });

  it('shows an error when the snapshot is not JSON or not an array', async () => {
    harness.serveSnapshot('{"Owner": ');
    const first = await harness.open('/');
    expect(await settled(first.page)).toBe('error');
    expect(await first.page.textContent('#member-status')).toContain('it is not valid JSON');
    await first.page.close();
    harness.serveSnapshot('{"records": []}');
    const second = await harness.open('/');
    expect(await settled(second.page)).toBe('error');
    expect(await second.page.textContent('#member-status')).toContain(
      'should be a JSON array, but it is an object',
    );
    await second.page.close();
  });
});
