import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** infra/, where sst.config.ts is and what SST resolves handler and site paths against. */
export const INFRA_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** SST's platform as `sst install` writes it (scripts/sst-install.mjs). */
export const PLATFORM_DIR = `${INFRA_DIR}.sst/platform`;

/** Throws, saying how to install it, when SST's platform is not there. */
export function assertPlatformInstalled(): void {
  if (!existsSync(`${PLATFORM_DIR}/config.d.ts`)) {
    throw new Error(
      `SST's platform is not installed at ${PLATFORM_DIR}: run \`pnpm --filter @symval/infra sst:install\``,
    );
  }
}
