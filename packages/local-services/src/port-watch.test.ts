import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type PortWatch, watchPorts } from './port-watch.js';
import { findFreePort } from './ports.js';

let watch: PortWatch | undefined;
afterEach(async () => {
  await watch?.stop();
  watch = undefined;
});

describe('watchPorts', () => {
  it('answers 503 on a watched port and records the request that reached it', async () => {
    const port = await findFreePort();
    watch = await watchPorts([port]);
    expect(watch.held).toEqual([port]);
    const response = await fetch(`http://127.0.0.1:${port}/records/domains.json`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('default port of pnpm dev');
    expect(watch.hits).toEqual([
      {
        port,
        firstLine: 'GET /records/domains.json HTTP/1.1',
        // This very process made the request (Linux tells through /proc).
        client: { pid: process.pid, cwd: process.cwd() },
      },
    ]);
  });

  it('reports a port something else holds as busy and does not watch it', async () => {
    const other = createServer();
    const port = await new Promise<number>((resolve) =>
      other.listen(0, '127.0.0.1', () => resolve((other.address() as { port: number }).port)),
    );
    try {
      watch = await watchPorts([port]);
      expect(watch).toMatchObject({ held: [], busy: [port] });
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('frees the ports when stopped', async () => {
    const port = await findFreePort();
    watch = await watchPorts([port]);
    await watch.stop();
    watch = undefined;
    const again = await watchPorts([port]);
    expect(again.held).toEqual([port]);
    await again.stop();
  });
});
