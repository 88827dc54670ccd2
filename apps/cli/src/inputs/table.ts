import type { OptionSpecs } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import type { Env } from '../cli/io.js';

/** `--table`: the DynamoDB records table, for commands that read or write it. */
export const TABLE_OPTION = {
  table: {
    type: 'string',
    value: '<name>',
    description:
      'The DynamoDB records table (default DOMAIN_TABLE_NAME; AWS_ENDPOINT_URL_DYNAMODB for DynamoDB Local)',
  },
} as const satisfies OptionSpecs;

/** DynamoDB's rule for table names. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/**
 * The records table: `--table`, else `DOMAIN_TABLE_NAME`.
 *
 * @throws CliError `input.table` (exit code 2) when neither names one, or the name is not one
 *   DynamoDB allows; `why` says what the table is needed for.
 */
export function resolveTableName(value: string | undefined, env: Env, why: string): string {
  const name = value ?? (env.DOMAIN_TABLE_NAME || undefined);
  if (name === undefined) {
    throw new CliError('input.table', `${why} needs the records table, and none is named`, {
      hint: 'Pass --table <name> or set DOMAIN_TABLE_NAME (with AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000 for DynamoDB Local).',
    });
  }
  if (!TABLE_NAME.test(name)) {
    const source = value === undefined ? 'DOMAIN_TABLE_NAME' : '--table';
    throw new CliError(
      'input.table',
      `${source} must be a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -), received ${JSON.stringify(name)}`,
      { hint: 'Give the physical table name, e.g. symval-production-DomainTable.' },
    );
  }
  return name;
}
