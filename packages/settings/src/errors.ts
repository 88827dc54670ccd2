/**
 * What went wrong, as a stable string a caller can switch on.
 *
 * - `setting.invalid`: a variable is set to a value its parser refuses; the message names the
 *   variable, what it must be and what was received.
 * - `setting.missing`: a required setting is neither set nor linked.
 */
export type SettingsErrorCode = 'setting.invalid' | 'setting.missing';

/** The one error class of `@symval/settings`. Apps wrap it in their own `config.invalid`. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  readonly code: SettingsErrorCode;
  /** The environment variable at fault. */
  readonly setting: string;

  constructor(code: SettingsErrorCode, setting: string, message: string) {
    super(message);
    this.code = code;
    this.setting = setting;
  }
}
