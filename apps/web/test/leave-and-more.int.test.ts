// The pages added for visitors of the club's old URLs and for leaving it: Leave (withdraw),
// How it works, the 404 page, and the footer's snapshot link following config.json.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/chromium.js';
import { withdrawnAnswer } from './support/fixture-api.js';
import { groupRecords, toSnapshotJson } from './support/fixtures.js';
import { type Harness, startHarness } from './support/harness.js';

const EXAMPLE = {
  owner: 'https://example.blog',
  type: 'a',
  hostname: 'etutitsni.elpmaxe.example.institute',
  groupId:
    'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=',
};

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

beforeEach(() => {
  harness.configure({});
  harness.api.answerWithdrawWith(withdrawnAnswer);
  harness.api.withdrawals.length = 0;
});

afterAll(async () => {
  await harness?.close();
});

async function fillExample(page: Page): Promise<void> {
  await page.fill('#owner', EXAMPLE.owner);
  await page.selectOption('#type', EXAMPLE.type);
  await page.fill('#domains', EXAMPLE.hostname);
}

async function answer(page: Page): Promise<{ heading: string; text: string }> {
  await page.locator('#api-result h3').waitFor();
  return {
    heading: (await page.textContent('#api-result h3')) ?? '',
    text: (await page.textContent('#api-result')) ?? '',
  };
}

describe('the Leave page', () => {
  it('says the TXT records go first, lists them, and only then removes the group', async () => {
    const { page, watch } = await harness.open('/withdraw/');
    const steps = await page.locator('ol.steps > li').allTextContents();
    expect(steps[0]).toContain('Remove the TXT records first.');
    expect(steps[2]).toContain('Ask the club to remove the group.');
    await fillExample(page);
    expect(await page.textContent('#group-id')).toBe(EXAMPLE.groupId);
    expect(await page.locator('#records li').allTextContents()).toEqual([
      `_suns.${EXAMPLE.hostname} TXT ${EXAMPLE.groupId}`,
    ]);

    // Not before the visitor says the records are gone.
    await page.click('#submit');
    expect(await page.textContent('#removed-error')).toBe(
      'Remove the TXT records first, then tick this box.',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('removed');
    expect(harness.api.withdrawals).toEqual([]);

    await page.check('#removed');
    expect(await page.isVisible('#removed-error')).toBe(false);
    await page.click('#submit');
    expect(await answer(page)).toEqual({
      heading: 'Your group is removed.',
      text: 'Your group is removed.The club no longer lists it (1 record). The member list shows the change within a minute or so.',
    });
    expect(harness.api.withdrawals).toEqual([
      { owner: EXAMPLE.owner, type: 'a', domains: [EXAMPLE.hostname] },
    ]);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Your group is removed.',
    );
    await saveScreenshot(page, 'withdraw-done');
    expect(watch.errors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('says which records are still in DNS when the API finds them (409)', async () => {
    harness.api.answerWithdrawWith(() => ({
      status: 409,
      body: {
        error: 'the group still has claims in DNS; remove its _suns TXT records, then withdraw',
        field: null,
        code: 'claims-remain',
        groupId: EXAMPLE.groupId,
        reasons: [
          {
            code: 'claim-present',
            domain: EXAMPLE.hostname,
            message: `_suns.${EXAMPLE.hostname} still carries ${EXAMPLE.groupId}; remove that TXT record first`,
          },
        ],
      },
    }));
    const { page } = await harness.open('/withdraw/');
    await fillExample(page);
    await page.check('#removed');
    await page.click('#submit');
    const result = await answer(page);
    expect(result.heading).toBe('Your TXT records are still there.');
    expect(await page.locator('#api-result .reasons li').allTextContents()).toEqual([
      `claim-present ${EXAMPLE.hostname}: _suns.${EXAMPLE.hostname} still carries ${EXAMPLE.groupId}; remove that TXT record first`,
    ]);
    await saveScreenshot(page, 'withdraw-claims-remain');
    await page.close();
  });

  it('says an undecided answer (the API’s 503 with code indeterminate) removed nothing, and when to retry', async () => {
    harness.api.answerWithdrawWith(() => ({
      status: 503,
      body: {
        error: 'DNS did not answer for every hostname, so the claims are unknown; try again later',
        field: null,
        code: 'indeterminate',
        status: 'indeterminate',
        groupId: EXAMPLE.groupId,
        reasons: [],
      },
      headers: { 'retry-after': '30' },
    }));
    const { page } = await harness.open('/withdraw/');
    await fillExample(page);
    await page.check('#removed');
    await page.click('#submit');
    const result = await answer(page);
    expect(result.heading).toBe(
      'Undecided: the API could not check everything (usually DNS timing out).',
    );
    expect(result.text).toContain('Nothing was removed. You can try again in 30 seconds.');
    expect(result.text).not.toContain('busy');
    await page.close();
  });

  it('tells a visitor who sent too many requests when to try again, and waits until then', async () => {
    harness.api.answerWithdrawWith(() => ({
      status: 429,
      body: { error: 'too many requests from this client; try again in 9 s' },
      headers: { 'retry-after': '9' },
    }));
    const { page } = await harness.open('/withdraw/');
    await fillExample(page);
    await page.check('#removed');
    await page.click('#submit');
    const result = await answer(page);
    expect(result.heading).toBe('You have sent too many requests.');
    expect(result.text).toContain('You can try again in 9 seconds.');
    expect(await page.isDisabled('#submit')).toBe(true);
    await page.close();
  });

  it('explains an ID the club does not have, and shows a refused field’s message once', async () => {
    harness.api.answerWithdrawWith(() => ({
      status: 404,
      body: { error: 'no records', field: null, code: 'group-not-found', groupId: EXAMPLE.groupId },
    }));
    const { page } = await harness.open('/withdraw/');
    await fillExample(page);
    await page.check('#removed');
    await page.click('#submit');
    expect((await answer(page)).heading).toBe('The club has no group with this ID.');

    harness.api.answerWithdrawWith(() => ({
      status: 400,
      body: {
        error: 'domains[0] is not a hostname',
        field: 'domains[0]',
        code: 'hostname-invalid',
      },
    }));
    await page.click('#submit');
    await page.waitForFunction(() => document.getElementById('domains-error')?.hidden === false);
    expect(await page.textContent('#domains-error')).toBe('domains[0] is not a hostname');
    expect(await page.textContent('#api-result')).toBe(
      'The API did not accept the form.See the message under “Hostnames”.',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('domains');
    await page.close();
  });

  it('is reached from each group on the member list, with the group filled in', async () => {
    harness.serveSnapshot(
      toSnapshotJson(
        groupRecords('https://bob.example', 'e', ['me.example.com', 'com.example.me']),
      ),
    );
    const { page } = await harness.open('/');
    await page.waitForSelector('main[data-members="ready"]');
    await page.click('text=withdraw this group');
    await page.waitForURL(/\/withdraw\/\?/);
    expect(await page.inputValue('#owner')).toBe('https://bob.example');
    expect(await page.inputValue('#type')).toBe('e');
    expect(await page.inputValue('#domains')).toBe('com.example.me\nme.example.com');
    expect(await page.textContent('#group-id')).toMatch(/^v1:e:/);
    await page.close();
  });
});

describe('the How it works page', () => {
  it('walks a visitor through the steps, the rules, the data and the daily check', async () => {
    const { page, watch } = await harness.open('/how-it-works/');
    expect(await page.locator('h2').allTextContents()).toEqual([
      'In four steps',
      'What the club checks',
      'From your request to the member list',
      'Every day',
      'Leaving',
      'What is public',
      'For programs',
    ]);
    const text = (await page.textContent('main')) ?? '';
    for (const rule of ['one CNAME', 'One owner per name', 'undecided']) {
      expect(text).toContain(rule);
    }
    for (const link of ['../join/', '../symmetries/', '../group-id/', '../withdraw/']) {
      expect(await page.locator(`main a[href="${link}"]`).count()).toBeGreaterThan(0);
    }
    await saveScreenshot(page, 'how-it-works');
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});

describe('the 404 page', () => {
  it('answers a missing path with status 404 and a styled page whose links work from any depth', async () => {
    const page = await harness.chromium.context.newPage();
    const response = await page.goto(new URL('/game/deeper/still/', harness.site.url).href);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('Page not found');
    // The stylesheet loaded although the path is three levels down: the body has its width.
    expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).not.toBe('none');
    expect(await page.locator('nav a[aria-current]').count()).toBe(0);
    await saveScreenshot(page, 'not-found');
    await page.click('nav >> text=Join');
    await page.waitForURL(/\/join\/$/);
    expect(await page.textContent('h1')).toBe('Join');
    await page.close();
  });
});

describe('the footer', () => {
  it('links the snapshot config.json names, on every page', async () => {
    harness.configure({ snapshotUrl: 'data/members.json' });
    harness.site.setRoute('/data/members.json', { body: '[]' });
    for (const path of [
      '/',
      '/join/',
      '/symmetries/',
      '/group-id/',
      '/how-it-works/',
      '/withdraw/',
      '/missing/page',
    ]) {
      const { page } = await harness.open(path);
      const link = page.locator('footer a[data-snapshot-link]');
      await page.waitForFunction(() =>
        document.querySelector('footer a[data-snapshot-link]')?.textContent?.includes('members'),
      );
      expect({ path, href: await link.evaluate((a) => (a as HTMLAnchorElement).href) }).toEqual({
        path,
        href: new URL('/data/members.json', harness.site.url).href,
      });
      expect(await link.textContent()).toBe('data/members.json');
      await page.close();
    }
    harness.site.setRoute('/data/members.json', null);
  });
});
