import type { Setting, SettingWithDefault } from '../declaration/types.js';
import { SettingsError } from '../errors.js';

/** A field of a resource linked by SST (`Resource.<name>.<field>`); `undefined` when not linked. */
export type LinkedLookup = (name: string, field: string) => string | undefined;

/** Environment variables, as `process.env`. */
export type SettingsEnv = Readonly<Record<string, string | undefined>>;

/** Where settings come from: the environment first, then the SST links. */
export interface SettingSource {
  readonly env: SettingsEnv;
  /** Consulted only for settings with a link, and only when the variable is absent. */
  readonly linked?: LinkedLookup;
}

// Blank counts as unset: an empty `SNAPSHOT_KEY=` in a .env file means "the default".
function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** Whether the variable itself is set (not blank), whatever links and defaults would give. */
export function isSettingSet(setting: Setting, env: SettingsEnv): boolean {
  return present(env[setting.name]);
}

function parse<T>(setting: Setting<T>, text: string): T {
  const value = setting.parser.parse(text);
  if (value === undefined) {
    throw new SettingsError(
      'setting.invalid',
      setting.name,
      `${setting.name} must be ${setting.parser.expected}, received ${setting.sensitive ? `a value of ${text.length} characters (not shown: it is a secret)` : JSON.stringify(text)}`,
    );
  }
  return value;
}

/**
 * Reads a setting: the variable when set (not blank), else its SST link, else its default,
 * else `undefined`. The text is checked by the setting's parser.
 *
 * @throws SettingsError `setting.invalid` naming the variable, what it must be and the value.
 * @example
 * readSetting(REATTEST_CONCURRENCY, { env: { REATTEST_CONCURRENCY: '8' } }); // 8
 * readSetting(SNAPSHOT_KEY, { env: {} }); // 'records/domains.json'
 */
export function readSetting<T>(setting: SettingWithDefault<T>, source: SettingSource): T;
export function readSetting<T>(setting: Setting<T>, source: SettingSource): T | undefined;
export function readSetting<T>(setting: Setting<T>, source: SettingSource): T | undefined {
  const raw = source.env[setting.name];
  if (present(raw)) return parse(setting, raw);
  if (setting.link && source.linked) {
    const linked = source.linked(setting.link.resource, setting.link.field);
    if (present(linked)) return parse(setting, linked);
  }
  return setting.default === undefined ? undefined : parse(setting, setting.default);
}

/**
 * Like {@link readSetting} for a setting that must have a value.
 *
 * @throws SettingsError `setting.missing` saying what to set (and which link would do), or
 *   `setting.invalid`.
 * @example
 * requireSetting(SNAPSHOT_BUCKET, { env: process.env, linked: sstLinked });
 */
export function requireSetting<T>(setting: Setting<T>, source: SettingSource): T {
  const value = readSetting(setting, source);
  if (value !== undefined) return value;
  const link = setting.link ? ` and no ${setting.link.resource} is linked` : '';
  throw new SettingsError(
    'setting.missing',
    setting.name,
    `${setting.name} is not set${link}; set it to ${setting.doc}`,
  );
}
