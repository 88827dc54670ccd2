import { describe, expect, it } from 'vitest';
import type { LocalLogger } from '../log/logger.js';
import { Lifecycle } from './lifecycle.js';

function recorder() {
  const lines: string[] = [];
  const logger: LocalLogger = {
    info: (message) => lines.push(message),
    warn: (message) => lines.push(message),
    error: (message, error) => lines.push(`${message}: ${(error as Error).message}`),
  };
  return { lines, logger };
}

describe('Lifecycle', () => {
  it('stops the parts in the reverse of the order they started', async () => {
    const order: string[] = [];
    const lifecycle = new Lifecycle();
    for (const name of ['DynamoDB Local', 's3rver', 'stream poller', 'API', 'site']) {
      lifecycle.add(name, async () => {
        order.push(name);
      });
    }
    expect(lifecycle.pending).toEqual(['site', 'API', 'stream poller', 's3rver', 'DynamoDB Local']);
    await lifecycle.stopAll(recorder().logger);
    expect(order).toEqual(['site', 'API', 'stream poller', 's3rver', 'DynamoDB Local']);
    expect(lifecycle.pending).toEqual([]);
  });

  it('goes on past a part that fails or hangs, and logs it', async () => {
    const order: string[] = [];
    const { lines, logger } = recorder();
    const lifecycle = new Lifecycle();
    lifecycle.add('first', async () => {
      order.push('first');
    });
    lifecycle.add('stuck', () => new Promise<void>(() => {}));
    lifecycle.add('broken', async () => {
      throw new Error('boom');
    });
    await lifecycle.stopAll(logger, 50);
    expect(order).toEqual(['first']);
    expect(lines).toEqual([
      'stopping broken failed: boom',
      'stopping stuck failed: did not stop within 50 ms',
    ]);
  });

  it('joins a stop already under way instead of stopping twice', async () => {
    let stops = 0;
    const lifecycle = new Lifecycle();
    lifecycle.add('once', async () => {
      stops++;
    });
    const { logger } = recorder();
    await Promise.all([lifecycle.stopAll(logger), lifecycle.stopAll(logger)]);
    expect(stops).toBe(1);
  });
});
