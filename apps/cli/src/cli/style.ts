import type { Env, OutputStream } from './io.js';

/** Text styling for one stream; every function returns the text unchanged when disabled. */
export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/**
 * Whether to colour what goes to `stream`: only on a terminal, and never when `NO_COLOR` is
 * set to a non-empty value (https://no-color.org) or `TERM` is `dumb`.
 */
export function shouldUseColor(stream: OutputStream, env: Env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string): string => text;

/** A {@link Style} with ANSI colours, or one that leaves text alone. */
export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    return {
      enabled,
      bold: plain,
      dim: plain,
      red: plain,
      green: plain,
      yellow: plain,
      cyan: plain,
    };
  }
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

/** The {@link Style} fitting `stream` in this environment. */
export function styleFor(stream: OutputStream, env: Env): Style {
  return createStyle(shouldUseColor(stream, env));
}
