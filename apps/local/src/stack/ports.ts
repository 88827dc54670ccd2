import { createServer } from 'node:net';
import { LocalError } from '../errors.js';

/** The fixed ports of the stack, from the base port (the API's). */
export interface StackPorts {
  api: number;
  site: number;
  dynamodb: number;
  invoke: number;
  s3: number;
}

/** API on the base port, then the site, DynamoDB Local, the invoke endpoint and s3rver; all 0 with base 0. */
export function stackPorts(base: number): StackPorts {
  if (base === 0) return { api: 0, site: 0, dynamodb: 0, invoke: 0, s3: 0 };
  return { api: base, site: base + 1, dynamodb: base + 2, invoke: base + 3, s3: base + 4 };
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Checks, before anything starts, that the fixed ports are free, so a second `pnpm dev` fails
 * at once with a message instead of half-starting.
 */
export async function assertPortsFree(ports: StackPorts): Promise<void> {
  const taken: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (port !== 0 && !(await isFree(port))) taken.push(`${port} (${name})`);
  }
  if (taken.length > 0) {
    throw new LocalError(
      'port.in-use',
      `port ${taken.join(', ')} ${taken.length === 1 ? 'is' : 'are'} in use: stop what holds ${taken.length === 1 ? 'it' : 'them'} (another pnpm dev?) or choose another base with --port <n> (0 picks free ports)`,
    );
  }
}
