// `pnpm dev`: starts what exists of the local stack on loopback and says what is not built yet.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDynamoDbLocal, startS3 } from '@symval/local-services';

const { values } = parseArgs({
  options: {
    memory: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`pnpm dev [-- --memory]

Starts DynamoDB Local and s3rver on loopback. Data is kept under .data/ at the repository
root unless --memory is given. Ctrl-C stops everything.`);
  process.exit(0);
}

const root = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const dataDir = path.join(root, '.data');

const dynamodb = await startDynamoDbLocal(
  values.memory ? {} : { directory: path.join(dataDir, 'dynamodb') },
);
const s3 = await startS3({
  buckets: ['symval-local'],
  ...(values.memory ? {} : { directory: path.join(dataDir, 's3') }),
});

console.log(
  `DynamoDB Local  ${dynamodb.endpoint}${values.memory ? ' (in memory)' : ` (data in ${path.relative(root, dataDir)}/dynamodb)`}`,
);
console.log(`S3 (s3rver)     ${s3.endpoint}  bucket symval-local`);
console.log('not built yet:  API, streamer, re-attestation, site (see the open issues)');
console.log('ready');

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([dynamodb.stop(), s3.stop()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
