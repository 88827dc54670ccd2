/** What the launcher tells the stack process (over the IPC channel). */
export type LauncherMessage = { command: 'reattest' } | { command: 'stop'; reason: string };

/** Set by the launcher: when `pnpm dev` started, for the "ready in" figure. */
export const STARTED_AT_ENV = 'SYMVAL_LOCAL_STARTED_AT';

/** Set by the launcher: the dev build the stack runs from (see `BUNDLE_LAYOUT`). */
export const BUILD_DIR_ENV = 'SYMVAL_LOCAL_BUILD_DIR';

/** Set by the launcher: how long finding or making the dev build took, in ms. */
export const BUILD_MS_ENV = 'SYMVAL_LOCAL_BUILD_MS';

/** Whether a value received over IPC is a {@link LauncherMessage}. */
export function isLauncherMessage(value: unknown): value is LauncherMessage {
  if (typeof value !== 'object' || value === null) return false;
  const command = (value as { command?: unknown }).command;
  return command === 'reattest' || command === 'stop';
}
