import {
  LOG_LEVEL,
  readSetting,
  SNAPSHOT_KEY,
  SNAPSHOT_LAYOUT_INDEX_KEY,
  SNAPSHOT_STATE_KEY,
  SNAPSHOT_STATE_PREFIX,
  SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS,
  SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES,
} from '@symval/settings';
import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_LAYOUT_INDEX_KEY as INFRA_INDEX_KEY,
  SNAPSHOT_KEY as INFRA_SNAPSHOT_KEY,
  SNAPSHOT_STATE_KEY as INFRA_STATE_KEY,
  SNAPSHOT_STATE_PREFIX as INFRA_STATE_PREFIX,
} from '../functions/keys.js';
import {
  WHOLE_FILE_INTERVAL_SECONDS,
  WHOLE_FILE_THRESHOLD_BYTES,
  wholeFileEnvironment,
} from '../functions/whole-file.js';
import { stageSettings } from './settings.js';

// What infra hands the functions must be what the one declaration (@symval/settings) says
// they read, so a deployed stage and `pnpm dev` agree.
describe('the settings infra gives the functions', () => {
  it('put the snapshot and the builder state at the declared default keys', () => {
    expect(INFRA_SNAPSHOT_KEY).toBe(SNAPSHOT_KEY.default);
    expect(INFRA_STATE_KEY).toBe(SNAPSHOT_STATE_KEY.default);
  });

  it('put the sharded layout and the sharded builder state at the declared default keys', () => {
    expect(INFRA_INDEX_KEY).toBe(SNAPSHOT_LAYOUT_INDEX_KEY.default);
    expect(INFRA_STATE_PREFIX).toBe(SNAPSHOT_STATE_PREFIX.default);
  });

  it('throttle the whole file as the declared defaults do, in values the streamer reads back', () => {
    const env = wholeFileEnvironment();
    expect(env).toEqual({
      SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES: SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES.default,
      SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS: SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS.default,
    });
    expect(readSetting(SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES, { env })).toBe(
      WHOLE_FILE_THRESHOLD_BYTES,
    );
    expect(readSetting(SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS, { env })).toBe(
      WHOLE_FILE_INTERVAL_SECONDS,
    );
  });

  it('set a LOG_LEVEL the functions accept, in every kind of stage', () => {
    for (const stage of ['production', 'dev']) {
      const level = stageSettings(stage).logLevel;
      expect(readSetting(LOG_LEVEL, { env: { LOG_LEVEL: level } })).toBe(level);
    }
  });
});
