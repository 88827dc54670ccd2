import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';
import { parseDevArgs } from './parse-args.js';

const context = { cwd: '/work/here', defaultDataDir: '/repo/.data' };

describe('parseDevArgs', () => {
  it('defaults to data under .data, the API on 8787 and re-attestation every 5 minutes', () => {
    expect(parseDevArgs([], context)).toEqual({
      memory: false,
      basePort: 8787,
      dataDir: '/repo/.data',
      reattestIntervalMs: 300_000,
      demo: false,
      jsonLogs: false,
      debug: false,
      help: false,
    });
  });

  it('reads every flag, resolving --data-dir against the directory the command was typed in', () => {
    expect(
      parseDevArgs(
        ['--port', '9000', '--data-dir', 'tmp/d', '--reattest-interval', '30s'],
        context,
      ),
    ).toEqual({
      memory: false,
      basePort: 9000,
      dataDir: '/work/here/tmp/d',
      reattestIntervalMs: 30_000,
      demo: false,
      jsonLogs: false,
      debug: false,
      help: false,
    });
    expect(parseDevArgs(['--memory', '--reattest-interval', 'off'], context)).toMatchObject({
      memory: true,
      dataDir: undefined,
      reattestIntervalMs: 0,
    });
    expect(parseDevArgs(['-h'], context).help).toBe(true);
  });

  it('reads --demo, --json-logs and --debug, keeping demo data apart from yours', () => {
    expect(parseDevArgs(['--demo', '--json-logs', '--debug'], context)).toMatchObject({
      demo: true,
      jsonLogs: true,
      debug: true,
      dataDir: '/repo/.data/demo',
    });
    expect(parseDevArgs(['--demo', '--memory'], context)).toMatchObject({
      demo: true,
      dataDir: undefined,
    });
    expect(parseDevArgs(['--demo', '--data-dir', 'mine'], context).dataDir).toBe('/work/here/mine');
  });

  it('ignores the -- separator pnpm may pass on', () => {
    expect(parseDevArgs(['--', '--memory'], context).memory).toBe(true);
  });

  it('refuses unknown flags, naming the accepted ones', () => {
    expect(() => parseDevArgs(['--mem'], context)).toThrow(
      expect.objectContaining({
        code: 'args.invalid',
        message: expect.stringContaining('--demo, --memory, --port <n>, --data-dir <path>'),
      }),
    );
    expect(() => parseDevArgs(['extra'], context)).toThrow(
      expect.objectContaining({ code: 'args.invalid' }),
    );
  });

  it('refuses --memory with --data-dir, and an empty --data-dir', () => {
    expect(() => parseDevArgs(['--memory', '--data-dir', 'x'], context)).toThrow(
      /--memory keeps no data, so --data-dir "x" has no use with it/,
    );
    expect(() => parseDevArgs(['--data-dir', ''], context)).toThrow(/--data-dir needs a path/);
  });

  it('takes ports from 0 to 65531 only (four more follow the base)', () => {
    expect(parseDevArgs(['--port', '0'], context).basePort).toBe(0);
    expect(parseDevArgs(['--port', '65531'], context).basePort).toBe(65_531);
    for (const bad of ['65532', '-1', '80.5', 'http', '']) {
      expect(() => parseDevArgs([`--port=${bad}`], context)).toThrow(
        new RegExp(`--port must be 0 .* received ${JSON.stringify(bad)}`),
      );
    }
  });
});

describe('parseDuration', () => {
  it('reads s, m, h and ms, and 0 or off as turned off', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('2500ms')).toBe(2500);
    expect(parseDuration(' OFF ')).toBe(0);
    expect(parseDuration('0')).toBe(0);
  });

  it('refuses a bare number, an unknown unit and anything under a second', () => {
    for (const bad of ['5', '5d', '500ms', 'soon', '-1m']) {
      expect(() => parseDuration(bad, '--reattest-interval')).toThrow(
        `--reattest-interval must be a duration of at least 1s such as 30s, 5m or 1h (0 or off turns it off), received ${JSON.stringify(bad)}`,
      );
    }
  });

  it('formats durations back in the largest whole unit', () => {
    expect([300_000, 3_600_000, 45_000, 1500].map(formatDuration)).toEqual([
      '5m',
      '1h',
      '45s',
      '1500ms',
    ]);
  });
});
