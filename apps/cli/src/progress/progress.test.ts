import { describe, expect, it } from 'vitest';
import { createProgressReporter, formatDuration } from './progress.js';

/** A stream that records what was written, a terminal or not. */
function fakeStream(isTTY: boolean, columns = 80) {
  const chunks: string[] = [];
  return {
    chunks,
    isTTY,
    columns,
    write: (chunk: string) => chunks.push(chunk),
    text: () => chunks.join(''),
  };
}

/** A clock the test moves by hand. */
function fakeClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const ESC = '\u001b';

describe('on a terminal', () => {
  it('draws a bar at once and redraws it in place with counts and percent', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = createProgressReporter({
      stream,
      total: 4,
      label: 'reattest',
      now: clock.now,
    });
    expect(progress.mode).toBe('bar');
    expect(stream.chunks).toEqual([
      `\r${ESC}[K`.concat('reattest [', '-'.repeat(40), '] 0/4   0%'),
    ]);

    clock.advance(1000);
    progress.increment();
    expect(stream.chunks).toHaveLength(2);
    expect(stream.chunks[1]).toBe(
      `\r${ESC}[Kreattest [${'#'.repeat(10)}${'-'.repeat(30)}] 1/4  25% eta 3s`,
    );
    expect(stream.text()).not.toContain('\n');
  });

  it('redraws at most once per redrawMs, but always when the work completes', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = createProgressReporter({
      stream,
      total: 3,
      label: 'x',
      now: clock.now,
      redrawMs: 100,
    });
    clock.advance(10);
    progress.update(1);
    clock.advance(10);
    progress.update(2);
    expect(stream.chunks).toHaveLength(1);
    clock.advance(100);
    progress.update(2);
    expect(stream.chunks).toHaveLength(2);
    clock.advance(1);
    progress.update(3);
    expect(stream.chunks).toHaveLength(3);
    expect(stream.chunks[2]).toContain('3/3 100%');
  });

  it('ends with the final bar, the elapsed time and a newline, once', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = createProgressReporter({ stream, total: 2, label: 'x', now: clock.now });
    progress.update(2);
    clock.advance(65_000);
    progress.finish();
    progress.finish();
    progress.increment();
    const last = stream.chunks.at(-1)!;
    expect(last).toMatch(/\] 2\/2 100% in 1m05s\n$/);
    expect(stream.text().match(/\n/g)).toHaveLength(1);
  });

  it('fits the bar to a narrow terminal without going under ten cells', () => {
    const stream = fakeStream(true, 30);
    createProgressReporter({ stream, total: 5, label: 'reattest', now: fakeClock().now });
    expect(stream.chunks[0]).toContain(`[${'-'.repeat(10)}]`);
  });

  it('prints a log message on its own line and redraws the bar under it', () => {
    const stream = fakeStream(true);
    const progress = createProgressReporter({ stream, total: 2, label: 'x', now: fakeClock().now });
    progress.log('group 1 failed');
    expect(stream.chunks.slice(1)).toEqual([
      `\r${ESC}[Kgroup 1 failed\n`,
      `\r${ESC}[Kx [${'-'.repeat(40)}] 0/2   0%`,
    ]);
  });
});

describe('when not a terminal', () => {
  it('writes no control characters, one plain line per interval and one at the end', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const progress = createProgressReporter({
      stream,
      total: 10,
      label: 'reattest',
      now: clock.now,
      lineIntervalMs: 5000,
    });
    expect(progress.mode).toBe('lines');
    expect(stream.chunks).toEqual([]);
    for (let i = 0; i < 10; i++) {
      clock.advance(1000);
      progress.increment();
    }
    progress.finish();
    expect(stream.chunks).toEqual([
      'reattest: 5/10 (50%), eta 5s\n',
      'reattest: 10/10 (100%) in 10s\n',
    ]);
    expect(stream.text()).not.toContain(ESC);
    expect(stream.text()).not.toContain('\r');
  });

  it('says where it stopped when finished early', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const progress = createProgressReporter({
      stream,
      total: 8,
      label: 'reattest',
      now: clock.now,
    });
    progress.update(2);
    clock.advance(3000);
    progress.finish();
    expect(stream.chunks).toEqual(['reattest: stopped at 2/8 (25%) after 3s\n']);
  });

  it('prints log messages as plain lines', () => {
    const stream = fakeStream(false);
    createProgressReporter({ stream, total: 1, label: 'x', now: fakeClock().now }).log('hello');
    expect(stream.chunks).toEqual(['hello\n']);
  });
});

describe('silent', () => {
  it('writes nothing at all, even on a terminal', () => {
    const stream = fakeStream(true);
    const progress = createProgressReporter({ stream, total: 3, label: 'x', mode: 'silent' });
    progress.increment();
    progress.log('message');
    progress.finish();
    expect(stream.chunks).toEqual([]);
    expect(progress.done).toBe(1);
  });
});

describe('counting', () => {
  it('clamps done to the range 0..total', () => {
    const progress = createProgressReporter({ stream: fakeStream(false), total: 3, label: 'x' });
    progress.update(-4);
    expect(progress.done).toBe(0);
    progress.increment(10);
    expect(progress.done).toBe(3);
  });

  it('treats empty work as complete', () => {
    const stream = fakeStream(true);
    createProgressReporter({ stream, total: 0, label: 'x', now: fakeClock().now }).finish();
    expect(stream.chunks.at(-1)).toMatch(/\[#{40}\] 0\/0 100% in 0s\n$/);
  });
});

describe('formatDuration', () => {
  it('shows seconds, then minutes and seconds, then hours and minutes', () => {
    expect([0, 9_400, 59_600, 125_000, 3_720_000].map(formatDuration)).toEqual([
      '0s',
      '9s',
      '1m00s',
      '2m05s',
      '1h02m',
    ]);
  });
});
