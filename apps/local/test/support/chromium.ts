// Debian's chromium through playwright-core, with the flags that work here (../shared/TOOLCHAIN.md).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** A browser context and how to close it (which removes its fresh profile too). */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'symval-local-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    timeout: 5 * 60_000,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
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
