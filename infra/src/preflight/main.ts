// `pnpm --filter @symval/infra preflight --stage <stage>`: checks the account of the current
// AWS credentials before a stage's first deploy. Exit code 0 when ready, 1 when a check
// fails, 2 for a usage or settings error (printed without a stack trace).
import { parseArgs } from 'node:util';
import { InfraError } from '../errors/infra-error.js';
import { createAccountClients } from './account.js';
import { formatPreflight, runPreflight } from './preflight.js';

const USAGE =
  'usage: preflight --stage <stage> [--region <region>]\n' +
  '  AWS credentials as for `sst deploy`; the SYMVAL_* deploy settings as for the deploy';

async function main(argv: string[]): Promise<number> {
  let values: { stage?: string; region?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stage: { type: 'string' },
        region: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    console.error(`preflight: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!values.stage || !region) {
    console.error(
      `preflight: ${values.stage ? 'no region: set AWS_REGION or pass --region' : '--stage is required'}\n${USAGE}`,
    );
    return 2;
  }
  try {
    const result = await runPreflight({
      stage: values.stage,
      env: process.env,
      clients: createAccountClients({ region, endpoint: process.env.SYMVAL_PREFLIGHT_ENDPOINT }),
    });
    console.log(formatPreflight(result));
    return result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof InfraError) {
      console.error(`preflight: ${error.message}`);
      return 2;
    }
    const { name, message } = error as Error;
    console.error(`preflight: the account could not be read (${name}: ${message})`);
    return 2;
  }
}

// Leading `--` from `pnpm preflight -- --stage x` is not an option.
const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
process.exitCode = await main(args);
