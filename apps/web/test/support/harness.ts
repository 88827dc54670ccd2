// One Chromium, one static server for the built site and one fixture API per test file.
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { type LaunchedChromium, launchChromium, type PageWatch, watchPage } from './chromium.js';
import { type FixtureApi, startFixtureApi } from './fixture-api.js';
import { type StaticServer, startStaticServer } from './static-server.js';

/** What a Chromium test file works with. */
export interface Harness {
  site: StaticServer;
  api: FixtureApi;
  chromium: LaunchedChromium;
  /** Points the site at the fixture API (and other settings) through config.json. */
  configure(config: Record<string, unknown>): void;
  /** Serves `body` as the snapshot, optionally with a status and delay. */
  serveSnapshot(body: string, options?: { status?: number; delayMs?: number }): void;
  /** Opens a page of the site (path relative to the root) with a watch on what it does. */
  open(path: string): Promise<{ page: Page; watch: PageWatch }>;
  close(): Promise<void>;
}

/** Starts everything; call `close()` in `afterAll`. */
export async function startHarness(): Promise<Harness> {
  const site = await startStaticServer(inject('siteDir'));
  const api = await startFixtureApi();
  const chromium = await launchChromium();
  const harness: Harness = {
    site,
    api,
    chromium,
    configure(config) {
      site.setRoute('/config.json', { body: JSON.stringify({ apiBase: api.url, ...config }) });
    },
    serveSnapshot(body, options = {}) {
      site.setRoute('/records/domains.json', { body, ...options });
    },
    async open(path) {
      const page = await chromium.context.newPage();
      const watch = watchPage(page);
      await page.goto(new URL(path, site.url).href);
      return { page, watch };
    },
    async close() {
      await chromium.close();
      await Promise.all([site.close(), api.close()]);
    },
  };
  harness.configure({});
  return harness;
}
