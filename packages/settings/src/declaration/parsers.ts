import type { SettingParser } from './types.js';

/** Any non-blank text, as given. */
export const text: SettingParser<string> = { expected: 'a non-empty text', parse: (t) => t };

/** An integer in `[min, max]`; `expected` overrides the words of the message. */
export function integer(min: number, max: number, expected?: string): SettingParser<number> {
  return {
    expected: expected ?? `an integer from ${min} to ${max}`,
    parse: (t) => {
      if (!/^\s*\d+\s*$/.test(t)) return undefined;
      const n = Number(t);
      return n >= min && n <= max ? n : undefined;
    },
  };
}

/** A finite number of at least `min`, in `unit`s. */
export function atLeast(min: number, unit: string): SettingParser<number> {
  return {
    expected: `a number of ${unit} >= ${min}`,
    parse: (t) => {
      const n = Number(t);
      return Number.isFinite(n) && n >= min ? n : undefined;
    },
  };
}

/** One of `values`, case-insensitively; the value is upper-cased. */
export function oneOf<const V extends string>(values: readonly V[]): SettingParser<V> {
  const set = new Set<string>(values);
  return {
    expected: `one of ${values.join(', ')}`,
    parse: (t) => {
      const upper = t.trim().toUpperCase();
      return set.has(upper) ? (upper as V) : undefined;
    },
  };
}

/** Comma-separated browser origins (`scheme://host[:port]`, nothing after) or `*`. */
export const origins: SettingParser<string[]> = {
  expected:
    'comma-separated origins such as "https://suns.example" (no path or trailing slash) or "*"',
  parse: (t) => {
    const list = t.split(',').map((origin) => origin.trim());
    return list.every(isOrigin) ? list : undefined;
  },
};

function isOrigin(origin: string): boolean {
  if (origin === '*') return true;
  try {
    // The browser compares the origin exactly, so it must be exactly its own origin.
    return new URL(origin).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Comma-separated secrets of at least `minLength` printable characters without spaces or
 * commas; two during a rotation (the old one and the new one).
 */
export function secrets(minLength: number): SettingParser<string[]> {
  return {
    expected: `one or more comma-separated secrets of at least ${minLength} printable characters (no spaces), e.g. from \`openssl rand -base64 32\``,
    parse: (t) => {
      const list = t.split(',').map((secret) => secret.trim());
      const printable = new RegExp(`^[\\x21-\\x7e]{${minLength},}$`);
      return list.every((secret) => printable.test(secret)) ? list : undefined;
    },
  };
}
