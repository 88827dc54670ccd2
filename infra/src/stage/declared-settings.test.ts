import { LOG_LEVEL, readSetting, SNAPSHOT_KEY, SNAPSHOT_STATE_KEY } from '@symval/settings';
import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_KEY as INFRA_SNAPSHOT_KEY,
  SNAPSHOT_STATE_KEY as INFRA_STATE_KEY,
} from '../functions/keys.js';
import { stageSettings } from './settings.js';

// What infra hands the functions must be what the one declaration (@symval/settings) says
// they read, so a deployed stage and `pnpm dev` agree.
describe('the settings infra gives the functions', () => {
  it('put the snapshot and the builder state at the declared default keys', () => {
    expect(INFRA_SNAPSHOT_KEY).toBe(SNAPSHOT_KEY.default);
    expect(INFRA_STATE_KEY).toBe(SNAPSHOT_STATE_KEY.default);
  });

  it('set a LOG_LEVEL the functions accept, in every kind of stage', () => {
    for (const stage of ['production', 'dev']) {
      const level = stageSettings(stage).logLevel;
      expect(readSetting(LOG_LEVEL, { env: { LOG_LEVEL: level } })).toBe(level);
    }
  });
});
