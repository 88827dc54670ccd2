/**
 * The Node entry for local use: `pnpm --filter @symval/httpapi dev [-- --port 8787]`.
 * Reads the same settings as the Lambda (DOMAIN_TABLE_NAME, DNS_SERVERS, …); the port comes
 * from --port, else PORT, else 8787.
 */
import { parseArgs } from 'node:util';
import { createConfiguredApp } from './app/production.js';
import { readHttpApiConfig } from './config/config.js';
import { HttpApiError } from './errors.js';
import { startServer } from './node/start-server.js';

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new HttpApiError(
      'config.invalid',
      `the port must be 0 to 65535, received ${JSON.stringify(value)}`,
    );
  }
  return port;
}

const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' } },
});
const app = createConfiguredApp(readHttpApiConfig());
const server = await startServer({
  app,
  port: readPort(values.port ?? process.env.PORT),
  hostname: values.host ?? process.env.HOST ?? '127.0.0.1',
});
console.log(`symval API listening on ${server.url}/api/v1`);

const stop = async (): Promise<void> => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
