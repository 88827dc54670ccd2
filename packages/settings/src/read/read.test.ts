import { describe, expect, it } from 'vitest';
import {
  DOMAIN_TABLE_NAME,
  LOG_LEVEL,
  REATTEST_CONCURRENCY,
  REATTEST_GRACE_HOURS,
  ROUTER_SECRET,
  SITE_ORIGIN,
  SNAPSHOT_BUCKET,
  SNAPSHOT_KEY,
  SYMVAL_LOCAL_PORT,
} from '../declaration/settings.js';
import type { Setting } from '../declaration/types.js';
import { SettingsError } from '../errors.js';
import { isSettingSet, readSetting, requireSetting } from './read.js';

const linked = (name: string, field: string) => (field === 'name' ? `linked-${name}` : undefined);

const BY_NAME: Record<string, Setting> = Object.fromEntries(
  [REATTEST_CONCURRENCY, REATTEST_GRACE_HOURS, LOG_LEVEL, SITE_ORIGIN, SYMVAL_LOCAL_PORT].map(
    (setting) => [setting.name, setting],
  ),
);

describe('readSetting', () => {
  it('takes the variable first, then the link, then the default', () => {
    expect(readSetting(DOMAIN_TABLE_NAME, { env: { DOMAIN_TABLE_NAME: 't' }, linked })).toBe('t');
    expect(readSetting(DOMAIN_TABLE_NAME, { env: {}, linked })).toBe('linked-DomainTable');
    expect(readSetting(DOMAIN_TABLE_NAME, { env: {} })).toBeUndefined();
    expect(readSetting(SNAPSHOT_KEY, { env: {} })).toBe('records/domains.json');
    expect(readSetting(SNAPSHOT_KEY, { env: { SNAPSHOT_KEY: 'r/d.json' } })).toBe('r/d.json');
  });

  it('counts a blank variable as unset', () => {
    expect(readSetting(SNAPSHOT_KEY, { env: { SNAPSHOT_KEY: '  ' } })).toBe('records/domains.json');
    expect(readSetting(REATTEST_CONCURRENCY, { env: { REATTEST_CONCURRENCY: '' } })).toBe(32);
    expect(isSettingSet(SNAPSHOT_KEY, { SNAPSHOT_KEY: ' ' })).toBe(false);
    expect(isSettingSet(SNAPSHOT_KEY, { SNAPSHOT_KEY: 'k' })).toBe(true);
  });

  it('parses numbers, levels and origins by the declared rules', () => {
    expect(readSetting(REATTEST_GRACE_HOURS, { env: { REATTEST_GRACE_HOURS: '1.5' } })).toBe(1.5);
    expect(readSetting(LOG_LEVEL, { env: { LOG_LEVEL: 'debug' } })).toBe('DEBUG');
    expect(readSetting(SITE_ORIGIN, { env: {} })).toEqual(['*']);
    expect(
      readSetting(SITE_ORIGIN, {
        env: { SITE_ORIGIN: 'https://a.example, http://localhost:5173' },
      }),
    ).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(readSetting(SYMVAL_LOCAL_PORT, { env: {} })).toBe(8787);
  });

  it.each([
    [
      REATTEST_CONCURRENCY.name,
      '0',
      'REATTEST_CONCURRENCY must be an integer from 1 to 1024, received "0"',
    ],
    [
      REATTEST_CONCURRENCY.name,
      '8.5',
      'REATTEST_CONCURRENCY must be an integer from 1 to 1024, received "8.5"',
    ],
    [
      REATTEST_GRACE_HOURS.name,
      '0.5',
      'REATTEST_GRACE_HOURS must be a number of hours >= 1, received "0.5"',
    ],
    [
      LOG_LEVEL.name,
      'LOUD',
      'LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, SILENT, CRITICAL, received "LOUD"',
    ],
    [
      SITE_ORIGIN.name,
      'https://a.example/',
      'SITE_ORIGIN must be comma-separated origins such as "https://suns.example" (no path or trailing slash) or "*", received "https://a.example/"',
    ],
    [
      SYMVAL_LOCAL_PORT.name,
      '65532',
      'SYMVAL_LOCAL_PORT must be the local stack\'s base port, a whole number from 1 to 65531, received "65532"',
    ],
  ] as const)(
    'refuses %s=%j, naming the variable, the rule and the value',
    (name, value, message) => {
      const setting = BY_NAME[name] as Setting;
      let error: unknown;
      try {
        readSetting(setting, { env: { [name]: value } });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(SettingsError);
      expect(error).toMatchObject({ code: 'setting.invalid', setting: name, message });
    },
  );
});

describe('a secret', () => {
  const strong = 'k7Qm2vX9pL4sR8tW1yB6nD3fH5jZ0cA!';

  it('reads one value, or two during a rotation, and the link when unset', () => {
    expect(readSetting(ROUTER_SECRET, { env: { ROUTER_SECRET: strong } })).toEqual([strong]);
    expect(readSetting(ROUTER_SECRET, { env: { ROUTER_SECRET: `${strong}, ${strong}x` } })).toEqual(
      [strong, `${strong}x`],
    );
    const secretLink = (name: string, field: string) =>
      name === 'RouterSecret' && field === 'value' ? strong : undefined;
    expect(readSetting(ROUTER_SECRET, { env: {}, linked: secretLink })).toEqual([strong]);
    expect(readSetting(ROUTER_SECRET, { env: {} })).toBeUndefined();
  });

  it.each(['short', `${'a'.repeat(20)} ${'b'.repeat(20)}`, `${strong},`])(
    'refuses %j without showing it in the message',
    (value) => {
      let error: unknown;
      try {
        readSetting(ROUTER_SECRET, { env: { ROUTER_SECRET: value } });
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({
        code: 'setting.invalid',
        setting: 'ROUTER_SECRET',
        message: `ROUTER_SECRET must be one or more comma-separated secrets of at least 32 printable characters (no spaces), e.g. from \`openssl rand -base64 32\`, received a value of ${value.length} characters (not shown: it is a secret)`,
      });
      expect((error as Error).message).not.toContain(value);
    },
  );
});

describe('requireSetting', () => {
  it('says what to set and which link would do when a setting has no value', () => {
    expect(() => requireSetting(SNAPSHOT_BUCKET, { env: {} })).toThrow(
      expect.objectContaining({
        code: 'setting.missing',
        message:
          'SNAPSHOT_BUCKET is not set and no SiteBucket is linked; set it to bucket of the snapshot and the builder state',
      }),
    );
    expect(requireSetting(SNAPSHOT_BUCKET, { env: {}, linked })).toBe('linked-SiteBucket');
  });
});
