// Debian's chromium driven by playwright-core, with the flags that work on this machine and a
// fresh profile directory per launch. `playwright install` is never needed.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Where Chromium is: `CHROMIUM_PATH`, or Debian's `/usr/bin/chromium`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A launched browser context and how to close it (which also removes its profile). */
export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Options for {@link launchChromium}. */
export interface LaunchChromiumOptions {
  javaScriptEnabled?: boolean;
}

/** Launches Chromium with a fresh `--user-data-dir`. */
export async function launchChromium(
  options: LaunchChromiumOptions = {},
): Promise<LaunchedChromium> {
  const profile = await mkdtemp(join(tmpdir(), 'symval-web-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    timeout: 5 * 60_000,
    executablePath: CHROMIUM_PATH,
    args: FLAGS,
    headless: true,
    viewport: { width: 1200, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: 'en-GB',
  });
  // Playwright's 30 s default for each wait is a budget for a quiet machine; a page that
  // never reaches a state is caught by the test's hang guard instead.
  context.setDefaultTimeout(5 * 60_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did that a test may want to forbid: dialogs, errors, CSP violations. */
export interface PageWatch {
  dialogs: string[];
  errors: string[];
  consoleErrors: string[];
}

/** Records dialogs (dismissing them), uncaught errors and console errors of `page`. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { dialogs: [], errors: [], consoleErrors: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // A deployment without the sharded layout answers its index 404, and the page then reads
    // the whole file: Chromium's note of that 404 is expected, any other error is not.
    const probe =
      message.location().url.endsWith('/records/v1/index.json') && message.text().includes('404');
    if (!probe) watch.consoleErrors.push(message.text());
  });
  return watch;
}

/** Where screenshots go: `test-artifacts/screenshots/` in this package. */
export const SCREENSHOT_DIR = join(
  import.meta.dirname,
  '..',
  '..',
  'test-artifacts',
  'screenshots',
);

/** Saves a full-page screenshot as `<name>.png` and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
