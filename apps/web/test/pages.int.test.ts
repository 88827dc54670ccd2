import { SYMMETRY_TYPES } from '@symval/attestation/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedChromium, launchChromium, saveScreenshot } from './support/chromium.js';
import { membersFixture, toSnapshotJson } from './support/fixtures.js';
import { type Harness, startHarness } from './support/harness.js';

const EXAMPLE_ID =
  'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=';

let harness: Harness;
let noScript: LaunchedChromium;

beforeAll(async () => {
  harness = await startHarness();
  noScript = await launchChromium({ javaScriptEnabled: false });
});

afterAll(async () => {
  await noScript?.close();
  await harness?.close();
});

describe('symmetries page', () => {
  it('lists every type of the attestation registry with its code, example picture and note', async () => {
    const { page, watch } = await harness.open('/symmetries/');
    const entries = page.locator('article.symmetry');
    expect(await entries.count()).toBe(SYMMETRY_TYPES.length);
    for (const [index, type] of SYMMETRY_TYPES.entries()) {
      const entry = entries.nth(index);
      expect(await entry.locator('h2').textContent()).toBe(type.label);
      expect(await entry.getAttribute('id')).toBe(`type-${type.code}`);
      expect(await entry.locator('dd code').first().textContent()).toBe(type.code);
      expect(await entry.locator('.facts .hostnames li').allTextContents()).toEqual([
        ...type.example,
      ]);
      expect(await entry.locator('.note').textContent()).toBe(type.description);
      expect(await entry.locator('.visual').count()).toBe(1);
    }
    // The content is static HTML; the page's script (static.ts and the chunk it shares) only
    // points the footer's snapshot link at the file config.json names.
    const scripts = await page
      .locator('script')
      .evaluateAll((els) => els.map((el) => new URL((el as HTMLScriptElement).src).pathname));
    expect(scripts.map((src) => src.replace(/-[\w-]+\.js$/, ''))).toEqual(
      expect.arrayContaining(['/assets/static']),
    );
    expect(scripts.every((src) => src.startsWith('/assets/'))).toBe(true);
    await saveScreenshot(page, 'symmetries');
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});

describe('group ID page', () => {
  it('calculates a group ID and takes one apart, saying which part matches the inputs', async () => {
    const { page, watch } = await harness.open('/group-id/');
    await page.fill('#calc-owner', 'https://example.blog');
    await page.selectOption('#calc-type', 'a');
    await page.fill('#calc-domains', 'etutitsni.elpmaxe.example.institute');
    expect(await page.textContent('#calc-id')).toBe(EXAMPLE_ID);
    expect(await page.isVisible('#calc-copy')).toBe(true);
    await page.fill('#parse-id', EXAMPLE_ID);
    const rows = await page.locator('#parse-result tr').allTextContents();
    expect(rows).toEqual([
      'versionv1',
      'type codea',
      'owner hashDUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk= (matches the owner above)',
      'hostnames hash+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs= (matches the hostnames above)',
    ]);
    await page.fill('#calc-owner', 'https://example.blog/');
    expect(await page.locator('#parse-result tr').nth(2).textContent()).toContain(
      '(not the owner above)',
    );
    await saveScreenshot(page, 'group-id');
    await page.fill('#parse-id', 'v2:a:x:y');
    expect(await page.textContent('#parse-result')).toContain(
      'Not a group ID: unknown group ID version "v2"',
    );
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('shows the hostname rule a bad name breaks', async () => {
    const { page } = await harness.open('/group-id/');
    await page.fill('#calc-domains', 'a..b');
    expect(await page.getAttribute('#calc-domains', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#calc-domains-error')).toContain('an empty label');
    await page.close();
  });
});

describe('every page', () => {
  const paths = ['/', '/join/', '/symmetries/', '/group-id/', '/how-it-works/', '/withdraw/'];

  it('is readable without JavaScript: the static content is there and script-only parts stay hidden', async () => {
    const expectations: Record<string, string[]> = {
      '/': ['Members', 'records/domains.json'],
      '/join/': ['The steps', 'Publish your group ID', '/api/v1/attest'],
      '/symmetries/': SYMMETRY_TYPES.map((type) => type.label),
      '/group-id/': ['The format', EXAMPLE_ID],
      '/how-it-works/': ['What the club checks', 'undecided', 'Every day', 'records/domains.json'],
      '/withdraw/': ['Remove the TXT records first', '/api/v1/withdraw'],
    };
    for (const path of paths) {
      const page = await noScript.context.newPage();
      await page.goto(new URL(path, harness.site.url).href);
      const text = (await page.locator('main').textContent()) ?? '';
      for (const expected of expectations[path]!) expect(text).toContain(expected);
      expect(await page.locator('[data-scripted]:visible').count()).toBe(0);
      await saveScreenshot(page, `nojs-${path.replaceAll('/', '') || 'members'}`);
      await page.close();
    }
  });

  it('starts with a skip link that shows on focus and moves to the main content', async () => {
    harness.serveSnapshot(toSnapshotJson(membersFixture()));
    for (const path of paths) {
      const { page } = await harness.open(path);
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        return { text: el.textContent, top: box.top, outline: getComputedStyle(el).outlineStyle };
      });
      expect(skip).toEqual({ text: 'Skip to content', top: expect.any(Number), outline: 'solid' });
      expect(skip.top).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.close();
    }
  });

  it('marks the current page in the navigation and has one h1 and a lang attribute', async () => {
    const titles: Record<string, string> = {
      '/': 'Members',
      '/join/': 'Join',
      '/symmetries/': 'Symmetries',
      '/group-id/': 'Group IDs',
      '/how-it-works/': 'How it works',
      '/withdraw/': 'Leave',
    };
    for (const path of paths) {
      const { page } = await harness.open(path);
      expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe(titles[path]);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      // Every form control has a label.
      const unlabelled = await page.evaluate(
        () =>
          [...document.querySelectorAll('input, select, textarea')].filter(
            (el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'),
          ).length,
      );
      expect(unlabelled).toBe(0);
      await page.close();
    }
  });
});

describe('contrast', () => {
  it('gives all visible text at least 4.5:1 contrast against its background on every page', async () => {
    harness.serveSnapshot(toSnapshotJson(membersFixture()));
    const paths = [
      '/',
      '/join/',
      '/symmetries/',
      '/group-id/',
      '/how-it-works/',
      '/withdraw/',
      '/no-such-page/',
    ];
    for (const path of paths) {
      const { page } = await harness.open(path);
      if (path === '/join/') {
        // Show the results area too: error text, verdicts, the TXT table.
        await page.fill('#owner', 'https://example.blog');
        await page.selectOption('#type', 'a');
        await page.fill('#domains', 'example.com');
      }
      if (path === '/withdraw/') {
        // The records, and the error of the box not ticked.
        await page.fill('#owner', 'https://example.blog');
        await page.selectOption('#type', 'a');
        await page.fill('#domains', 'etutitsni.elpmaxe.example.institute');
        await page.click('#submit');
      }
      await page.waitForTimeout(200);
      const failures = await page.evaluate(() => {
        const parse = (color: string) => {
          const [r = 0, g = 0, b = 0, a = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
          return { r, g, b, a };
        };
        const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
          const channel = (v: number) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        };
        const background = (element: Element | null) => {
          for (let el = element; el; el = el.parentElement) {
            const color = parse(getComputedStyle(el).backgroundColor);
            if (color.a > 0) return color;
          }
          return { r: 255, g: 255, b: 255, a: 1 };
        };
        const out: string[] = [];
        for (const el of document.querySelectorAll('body *')) {
          const hasText = [...el.childNodes].some(
            (n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim(),
          );
          if (!hasText || !(el as HTMLElement).checkVisibility?.()) continue;
          const fg = luminance(parse(getComputedStyle(el).color));
          const bg = luminance(background(el));
          const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
          if (ratio < 4.5)
            out.push(
              `${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.slice(0, 30)}": ${ratio.toFixed(2)}`,
            );
        }
        return out;
      });
      expect(failures, path).toEqual([]);
      await page.close();
    }
  });
});
