import { describe, expect, it } from 'vitest';
import { LocalError } from '../errors.js';
import { createLogger, failureLines } from './logger.js';

describe('failureLines', () => {
  const error = new LocalError('stack.start-failed', 'the local stack did not start: no java', {
    cause: new Error('spawn java ENOENT'),
  });

  it('is the message alone, one entry per line of it, for a person', () => {
    expect(failureLines(error)).toEqual(['the local stack did not start: no java']);
    expect(failureLines(new LocalError('settings.invalid', 'A is bad\nB is bad'))).toEqual([
      'A is bad',
      'B is bad',
    ]);
    expect(failureLines('plain')).toEqual(['plain']);
  });

  it('adds the stacks of the error and its causes with debug', () => {
    const lines = failureLines(error, true);
    expect(lines[0]).toBe('the local stack did not start: no java');
    expect(lines).toContain('caused by:');
    expect(lines.some((line) => line.startsWith('Error: spawn java ENOENT'))).toBe(true);
    expect(lines.filter((line) => /^\s+at /.test(line)).length).toBeGreaterThan(1);
  });
});

describe('createLogger', () => {
  it('prefixes lines with the component, warnings on stderr', () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = createLogger('site', { out: (l) => out.push(l), err: (l) => err.push(l) });
    log.info('up');
    log.warn('slow');
    log.error('failed', new LocalError('port.in-use', 'port 1 is in use'));
    expect(out).toEqual(['[site]     up']);
    expect(err).toEqual([
      '[site]     warning: slow',
      '[site]     failed: port 1 is in use (port.in-use)',
    ]);
  });
});
