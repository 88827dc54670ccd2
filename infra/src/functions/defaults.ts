import type { StageSettings } from '../stage/settings.js';
import type { FunctionKey } from './handlers.js';

/**
 * What every function shares: Node.js 22 on arm64 (cheaper per GB-second, and nothing
 * here needs x86), logs kept for the stage's retention, and the logger settings of
 * docs/configuration.md.
 */
export function functionDefaults(settings: StageSettings, key: FunctionKey) {
  return {
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    logging: { retention: settings.logRetention },
    nodejs: { format: 'esm', sourcemap: true },
    environment: {
      LOG_LEVEL: settings.logLevel,
      POWERTOOLS_SERVICE_NAME: `symval-${key}`,
      // The bundle carries source maps; this makes stack traces point into the sources.
      NODE_OPTIONS: '--enable-source-maps',
    },
  } satisfies Partial<sst.aws.FunctionArgs>;
}
