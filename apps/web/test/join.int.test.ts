import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/chromium.js';
import { defaultAnswer } from './support/fixture-api.js';
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
  await harness.chromium.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: harness.site.url.slice(0, -1),
  });
});

beforeEach(() => {
  harness.api.answerWith(defaultAnswer);
  harness.api.received.length = 0;
});

afterAll(async () => {
  await harness?.close();
});

async function fillExample(page: Page, hostname = EXAMPLE.hostname): Promise<void> {
  await page.fill('#owner', EXAMPLE.owner);
  await page.selectOption('#type', EXAMPLE.type);
  await page.fill('#domains', hostname);
}

describe('join page', () => {
  it('computes the published example’s group ID in the browser and lists the TXT record', async () => {
    const { page, watch } = await harness.open('/join/');
    await fillExample(page);
    expect(await page.textContent('#group-id')).toBe(EXAMPLE.groupId);
    const row = page.locator('#txt-rows tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('code').allTextContents()).toEqual([
      `_suns.${EXAMPLE.hostname}`,
      EXAMPLE.groupId,
    ]);
    expect(await page.textContent('#symmetry-check')).toContain('is a valid Palindrome');
    await saveScreenshot(page, 'join');
    expect(watch.errors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('normalises hostnames as the API does before computing: case, trailing dot, spaces', async () => {
    const { page } = await harness.open('/join/');
    await fillExample(page, `  ${EXAMPLE.hostname.toUpperCase()}.  `);
    expect(await page.textContent('#group-id')).toBe(EXAMPLE.groupId);
    await page.close();
  });

  it('copies the TXT record name and value with the Clipboard API', async () => {
    const page = await harness.chromium.context.newPage();
    // Headless Chromium has no system clipboard to read back, so record what the page writes
    // (and still pass it on to the real API).
    await page.addInitScript(() => {
      const written: string[] = [];
      (window as unknown as { __copied: string[] }).__copied = written;
      const original = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (text: string) => {
        written.push(text);
        return original(text);
      };
    });
    await page.goto(new URL('/join/', harness.site.url).href);
    await fillExample(page);
    const copied = () =>
      page.evaluate(() => (window as unknown as { __copied: string[] }).__copied);
    await page.click('#txt-rows tr button[aria-label^="Copy the value"]');
    await page.click('#txt-rows tr button[aria-label^="Copy the name"]');
    await expect.poll(copied).toEqual([EXAMPLE.groupId, `_suns.${EXAMPLE.hostname}`]);
    await expect
      .poll(() => page.textContent('#copy-status'))
      .toBe(`Copied _suns.${EXAMPLE.hostname}`);
    await page.close();
  });

  it('explains in plain words why example.com is not a palindrome', async () => {
    const { page } = await harness.open('/join/');
    await fillExample(page, 'example.com');
    const check = page.locator('#symmetry-check');
    expect(await check.locator('.verdict').textContent()).toMatch(
      /^✗ “example\.com” is not a Palindrome/,
    );
    expect(await check.locator('.details li').allTextContents()).toEqual([
      'Read backwards, “example.com” is “moc.elpmaxe”.',
      'A palindrome reads the same both ways, but the 1st character from the start is “e” and the 1st from the end is “m”.',
    ]);
    await saveScreenshot(page, 'join-not-a-palindrome');
    await page.close();
  });

  it('can be used with the keyboard alone, from the top of the page to the API’s answer', async () => {
    const { page } = await harness.open('/join/');
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    // Tab from the top of the page until the owner field has focus.
    let tabs = 0;
    while ((await focusedId()) !== 'owner' && tabs < 20) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect(await focusedId()).toBe('owner');
    await page.keyboard.type(EXAMPLE.owner);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('type');
    // In a closed select, arrow keys change the choice: option 1 is the first type, "a".
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#type')).toBe('a');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('domains');
    await page.keyboard.type(EXAMPLE.hostname);
    expect(await page.textContent('#group-id')).toBe(EXAMPLE.groupId);
    // Through the two copy buttons to the submit button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /^Copy the name/,
    );
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineStyle,
    );
    expect(outline).toBe('solid');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#api-result h3');
    expect(harness.api.received).toEqual([
      { owner: EXAMPLE.owner, type: 'a', domains: [EXAMPLE.hostname] },
    ]);
    // Focus moves to the answer so it is read out.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Valid: your group is attested.',
    );
    await page.close();
  });

  it('shows the API’s answer and each of its reasons', async () => {
    harness.api.answerWith(() => ({
      status: 200,
      body: {
        isValid: false,
        expectedId: EXAMPLE.groupId,
        groupIdCount: 0,
        errorMessage: 'no _suns TXT record for etutitsni.elpmaxe.example.institute',
        message: 'Attestation FAILED',
        status: 'invalid',
        reasons: [
          {
            code: 'claim.missing',
            domain: EXAMPLE.hostname,
            message: 'no TXT record at _suns.etutitsni.elpmaxe.example.institute',
          },
          { code: 'group.incomplete', message: 'the group has no valid claims' },
          { code: 'x', domain: 'd.example', message: '<img src=x onerror="window.__pwned=1">' },
        ],
      },
    }));
    const { page, watch } = await harness.open('/join/');
    await fillExample(page);
    await page.click('#submit');
    const result = page.locator('#api-result');
    await result.locator('h3').waitFor();
    expect(await result.locator('h3').textContent()).toBe('Not valid.');
    expect(await result.textContent()).toContain('The API says: Attestation FAILED');
    // errorMessage is the reasons in one sentence: with the list shown, it is not repeated.
    expect(await result.textContent()).not.toContain('Error:');
    expect(await result.locator('.reasons li').allTextContents()).toEqual([
      `claim.missing ${EXAMPLE.hostname}: no TXT record at _suns.etutitsni.elpmaxe.example.institute`,
      'group.incomplete the group has no valid claims',
      'x d.example: <img src=x onerror="window.__pwned=1">',
    ]);
    expect(await result.locator('img').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null),
    ).toBeNull();
    expect(watch.dialogs).toEqual([]);
    await saveScreenshot(page, 'join-api-answer');
    await page.close();
  });

  it('marks the field the API rejects and shows its error once, under the field', async () => {
    harness.api.answerWith(() => ({
      status: 400,
      body: { error: 'owner must be at most 512 characters', field: 'owner' },
    }));
    const { page } = await harness.open('/join/');
    await fillExample(page);
    await page.click('#submit');
    await page.locator('#api-result h3').waitFor();
    expect(await page.textContent('#api-result')).toBe(
      'The API did not accept the form.See the message under “Owner”.',
    );
    expect(await page.getAttribute('#owner', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#owner-error')).toBe('owner must be at most 512 characters');
    const body = (await page.textContent('body')) ?? '';
    expect(body.split('owner must be at most 512 characters')).toHaveLength(2);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('owner');
    await page.close();
  });

  it('tells a visitor who sent too many requests so, and when to try again (429, Retry-After)', async () => {
    harness.api.answerWith(() => ({
      status: 429,
      body: { error: 'too many requests from this client; try again in 7 s' },
      headers: { 'retry-after': '7' },
    }));
    const { page } = await harness.open('/join/');
    await fillExample(page);
    await page.click('#submit');
    await page.locator('#api-result h3').waitFor();
    expect(await page.textContent('#api-result h3')).toBe('You have sent too many requests.');
    expect(await page.textContent('#api-result')).toContain('You can try again in 7 seconds.');
    expect(await page.textContent('#api-result')).not.toContain('busy');
    expect(await page.isDisabled('#submit')).toBe(true);
    await saveScreenshot(page, 'join-too-many');
    await page.close();
  });

  it('says an undecided answer (the API’s 503 with code indeterminate) stored nothing and when to ask again', async () => {
    harness.api.answerWith(() => ({
      status: 503,
      body: {
        error:
          'DNS did not answer for every hostname, so the claims are unknown; nothing was stored; try again later',
        field: null,
        code: 'indeterminate',
        isValid: false,
        expectedId: EXAMPLE.groupId,
        groupIdCount: 0,
        errorMessage: 'the claims of the name are unknown',
        message:
          'Attestation could not finish: DNS did not answer for every hostname; try again later.',
        status: 'indeterminate',
        reasons: [
          { code: 'lookup-failed', domain: EXAMPLE.hostname, message: 'the claims are unknown' },
        ],
      },
      headers: { 'retry-after': '30' },
    }));
    const { page } = await harness.open('/join/');
    await fillExample(page);
    await page.click('#submit');
    await page.locator('#api-result h3').waitFor();
    expect(await page.textContent('#api-result h3')).toBe(
      'Undecided: the API could not check everything (usually DNS timing out).',
    );
    expect(await page.textContent('#api-result')).toContain(
      'Nothing was stored. You can try again in 30 seconds.',
    );
    expect(await page.textContent('#api-result')).toContain('the claims are unknown');
    expect(await page.textContent('#api-result')).not.toContain('busy');
    await page.close();
  });

  it('says so when the API cannot be reached', async () => {
    harness.configure({ apiBase: 'http://127.0.0.1:9/' });
    const { page } = await harness.open('/join/');
    await fillExample(page);
    await page.click('#submit');
    await page.locator('#api-result h3').waitFor();
    expect(await page.textContent('#api-result h3')).toBe('No answer from the API.');
    harness.configure({});
    await page.close();
  });

  it('does not send an incomplete form and points at the first missing field', async () => {
    const { page } = await harness.open('/join/');
    await page.selectOption('#type', 'a');
    await page.click('#submit');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('owner');
    expect(await page.textContent('#owner-error')).toContain('Enter an owner');
    expect(await page.textContent('#domains-error')).toContain('Enter your hostname');
    expect(harness.api.received).toEqual([]);
    await page.close();
  });
});
