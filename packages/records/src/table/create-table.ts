import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '@symval/dynamite-orm';
import { domainRecords } from './domain-records.js';

/**
 * The CreateTable input of the DomainRecord table (keys `pk`/`sk`, the `byOwner` index, a
 * NEW_AND_OLD_IMAGES stream, on-demand), for tests, `pnpm dev` and setup scripts. Other
 * packages use this rather than importing dynamite themselves.
 *
 * @example
 * await client.send(new CreateTableCommand(recordsTableInput({ tableName: 'symval-dev-domains' })));
 */
export function recordsTableInput(options: { tableName: string }): CreateTableCommandInput {
  return createTableInput(domainRecords, { tableName: options.tableName });
}
