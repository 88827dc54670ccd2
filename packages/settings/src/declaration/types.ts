/** Who reads a setting, as the docs' "used by" column names them. */
export type SettingReader =
  | 'httpapi'
  | 'streamer'
  | 'reattestbatch'
  | 'cli'
  | 'all functions'
  | 'all (local only)';

/** A resource linked by SST, read as `Resource.<resource>.<field>`. */
export interface SettingLink {
  readonly resource: 'DomainTable' | 'SiteBucket' | 'RateLimitTable' | 'RouterSecret';
  /** `name` for a table or bucket, `value` for an `sst.Secret`. */
  readonly field: 'name' | 'value';
}

/** How a setting's text becomes a value, and what the text must be (for messages). */
export interface SettingParser<T> {
  /** E.g. `an integer from 1 to 1024`: completes "<NAME> must be …". */
  readonly expected: string;
  /** The value of `text`, or `undefined` when the text is not one. */
  readonly parse: (text: string) => T | undefined;
}

/** One runtime setting: everything the apps, infra, `pnpm dev` and the docs need to agree on. */
export interface Setting<T = unknown> {
  /** The environment variable. */
  readonly name: string;
  readonly usedBy: readonly SettingReader[];
  /** The SST link read when the variable is absent. */
  readonly link?: SettingLink;
  /** The value used when the variable is absent (and nothing is linked), as text. */
  readonly default?: string;
  /** What the docs say in the default column when it is not simply {@link default}. */
  readonly defaultNote?: string;
  /** The docs' "meaning" column. */
  readonly doc: string;
  readonly parser: SettingParser<T>;
  /** A secret: messages about a bad value give its length, never the value. */
  readonly sensitive?: boolean;
}

/** A setting that always has a value: absent, it takes its default. */
export type SettingWithDefault<T> = Setting<T> & { readonly default: string };
