import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_PORT } from '../args/parse-args.js';
import { stackPorts } from './ports.js';

describe("the root test run's watch on pnpm dev's ports", () => {
  it('holds every port the stack takes by default', async () => {
    // scripts/dev-ports.mjs is plain JavaScript read by scripts/test.mjs, outside this package.
    const url = new URL('../../../../scripts/dev-ports.mjs', import.meta.url).href;
    const { DEV_DEFAULT_PORTS } = (await import(url)) as { DEV_DEFAULT_PORTS: number[] };
    expect([...DEV_DEFAULT_PORTS].sort()).toEqual(
      Object.values(stackPorts(DEFAULT_BASE_PORT)).sort(),
    );
  });
});
