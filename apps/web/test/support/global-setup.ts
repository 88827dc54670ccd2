// Builds the site once per test run for every Chromium test file (`inject('siteDir')`).
// The build allows connections to any loopback port: the fixture API runs on one.
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from './build-site.js';

declare module 'vitest' {
  export interface ProvidedContext {
    siteDir: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const siteDir = join(import.meta.dirname, '..', '..', 'test-artifacts', 'site');
  await buildSite(siteDir, { VITE_CSP_CONNECT_SRC: 'http://127.0.0.1:*' });
  project.provide('siteDir', siteDir);
}
