import { describe, expect, it } from 'vitest';
import { createStyle, shouldUseColor } from './style.js';

describe('shouldUseColor', () => {
  it('colours a terminal and nothing else', () => {
    expect(shouldUseColor({ write: () => 0, isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ write: () => 0, isTTY: false }, {})).toBe(false);
    expect(shouldUseColor({ write: () => 0 }, {})).toBe(false);
  });

  it('turns colours off on a terminal when NO_COLOR is set to anything but empty', () => {
    const tty = { write: () => 0, isTTY: true };
    expect(shouldUseColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: 'false' })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('turns colours off for a dumb terminal', () => {
    expect(shouldUseColor({ write: () => 0, isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});

describe('createStyle', () => {
  it('wraps text in ANSI codes when enabled and leaves it alone otherwise', () => {
    expect(createStyle(true).red('no')).toBe('\u001b[31mno\u001b[39m');
    expect(createStyle(true).bold('b')).toBe('\u001b[1mb\u001b[22m');
    const plain = createStyle(false);
    expect([plain.red('no'), plain.green('ok'), plain.bold('b'), plain.dim('d')]).toEqual([
      'no',
      'ok',
      'b',
      'd',
    ]);
  });
});
