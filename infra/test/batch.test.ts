import { describe, expect, it } from 'vitest';
import { resolve } from './platform-stub.js';
import { functionArgs, runConfig } from './run-config.js';

const run = await runConfig('dev');

/** Seconds in an SST duration like `15 minutes`. */
function seconds(duration: string): number {
  const match = /^(\d+) (second|minute|hour)s?$/.exec(duration);
  if (!match) throw new Error(`unexpected duration ${duration}`);
  return Number(match[1]) * { second: 1, minute: 60, hour: 3600 }[match[2] as 'second'];
}

describe('reattestbatch', () => {
  const cron = resolve(run.recording.one('sst.aws.Cron', 'ReattestDaily').args) as {
    function: string;
    schedule: string;
    timezone: string;
  };
  const fn = functionArgs(run.recording, 'ReattestBatch');

  it('runs once a day at a fixed UTC time', () => {
    const fields = /^cron\((.*)\)$/.exec(cron.schedule)?.[1]?.split(' ');
    expect(fields).toHaveLength(6);
    const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields!;
    expect(Number(minutes)).toBeGreaterThanOrEqual(0);
    expect(Number(minutes)).toBeLessThan(60);
    expect(Number(hours)).toBeGreaterThanOrEqual(0);
    expect(Number(hours)).toBeLessThan(24);
    expect([dayOfMonth, month, dayOfWeek, year]).toEqual(['*', '*', '?', '*']);
    expect(cron.timezone).toBe('UTC');
  });

  it('invokes the reattestbatch function', () => {
    const instance = run.recording.one('sst.aws.Function', 'ReattestBatch').instance as {
      arn: unknown;
    };
    expect(cron.function).toBe(resolve(instance.arn));
  });

  it('may run for Lambda’s full 15 minutes, one run at a time, without automatic retries', () => {
    expect(fn.timeout).toBe('15 minutes');
    expect(seconds(fn.timeout!)).toBe(900);
    expect(fn.concurrency).toEqual({ reserved: 1 });
    expect(fn.retries).toBe(0);
  });
});
