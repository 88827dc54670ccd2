import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/chromium.js';
import { HOSTILE_OWNERS, hostileFixture, toSnapshotJson } from './support/fixtures.js';
import { type Harness, startHarness } from './support/harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** Every flag a hostile string tries to set, and every link on the page. */
async function inspect(page: Page) {
  return page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    hrefs: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
    protocols: [...document.querySelectorAll('a')].map((a) => a.protocol),
    injected: document.querySelectorAll(
      '#member-list img, #member-list script, #member-list svg, #member-list iframe',
    ).length,
  }));
}

describe('hostile snapshot values', () => {
  it('execute no script, open no dialog and make no javascript: link', async () => {
    harness.serveSnapshot(toSnapshotJson(hostileFixture()));
    const { page, watch } = await harness.open('/');
    await page.waitForSelector('main[data-members="ready"]');
    // Give any injected handler (an <img onerror>, an <svg onload>) time to fire.
    await page.waitForTimeout(300);
    const seen = await inspect(page);
    expect(seen.pwned).toBeNull();
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(seen.injected).toBe(0);
    expect(seen.hrefs.filter((href) => /^\s*(javascript|data|vbscript):/i.test(href))).toEqual([]);
    expect(
      seen.protocols.filter((protocol) => protocol !== 'http:' && protocol !== 'https:'),
    ).toEqual([]);
    await saveScreenshot(page, 'members-hostile');
    await page.close();
  });

  it('shows every hostile owner as plain text, character for character', async () => {
    harness.serveSnapshot(toSnapshotJson(hostileFixture()));
    const { page } = await harness.open('/');
    await page.waitForSelector('main[data-members="ready"]');
    const shown = await page.locator('#member-list .owner-name').allTextContents();
    for (const owner of HOSTILE_OWNERS) expect(shown).toContain(owner);
    const hostnames = await page.locator('#member-list .hostnames li').allTextContents();
    expect(hostnames).toContain('<img/src=x/onerror=window.__pwned=9>');
    expect(hostnames).toContain('"><iframe/src="javascript:window.__pwned=10">');
    // Seven malformed entries (null, 42, a string, an array, a numeric owner, no hostname, a
    // markup type with a script for a group ID) are left out, and nothing of them is shown.
    expect(await page.textContent('#member-status')).toContain('7 unreadable entries');
    expect(await page.locator('#member-list', { hasText: 'typed.example' }).count()).toBe(0);
    await page.close();
  });

  it('links an owner only when it is an http(s) URL without user info, with rel="nofollow ugc noopener"', async () => {
    harness.serveSnapshot(toSnapshotJson(hostileFixture()));
    const { page } = await harness.open('/');
    await page.waitForSelector('main[data-members="ready"]');
    const links = await page.locator('#member-list a.owner-name').evaluateAll((anchors) =>
      anchors.map((a) => ({
        text: a.textContent,
        href: a.getAttribute('href'),
        rel: a.getAttribute('rel'),
      })),
    );
    expect(links.map((link) => link.text).sort()).toEqual([
      "https://evil.example/\"><img src=x onerror='window.__pwned=7'>",
      'https://host.example',
    ]);
    for (const link of links) expect(link.rel).toBe('nofollow ugc noopener');
    // The quote and angle brackets are percent-encoded by the URL parser: inert in an href.
    const evil = HOSTILE_OWNERS.find((owner) => owner.startsWith('https://evil.example/'))!;
    const href = links.find((link) => link.text === evil)?.href;
    expect(href).toBe(new URL(evil).href);
    expect(href).not.toMatch(/[<>"\s]/);
    await page.close();
  });

  it('ships a CSP that stops inline script even if markup were injected', async () => {
    harness.serveSnapshot('[]');
    const { page, watch } = await harness.open('/');
    await page.waitForSelector('main[data-members="empty"]');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const outcome = await page.evaluate(() => {
      const results: string[] = [];
      // A string into an HTML sink is refused outright by Trusted Types.
      try {
        document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="window.__pwned=1">');
        results.push('html sink accepted');
      } catch (error) {
        results.push((error as Error).name);
      }
      // A script element built by hand is inert too: inline script is not allowed.
      const script = document.createElement('script');
      try {
        script.textContent = 'window.__pwned = 2';
        document.body.append(script);
        results.push('script appended');
      } catch (error) {
        results.push((error as Error).name);
      }
      return results;
    });
    expect(outcome[0]).toBe('TypeError');
    await page.waitForTimeout(100);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null),
    ).toBeNull();
    expect(watch.dialogs).toEqual([]);
    await page.close();
  });
});
