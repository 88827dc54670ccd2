import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { describe, expect, it } from 'vitest';
import { localClientConfig } from '../../test/dynamo.js';
import { runDynamite } from '../../test/run-dynamite.js';
import {
  connectApp,
  createAppTables,
  seedApp,
  snapshotApp,
  tables,
} from '../../test/single-table-erasure.js';
import { toDataMap, toTerraform } from '../index.js';

const MODULE = 'test/single-table-erasure.ts';

const dynamite = runDynamite;

describe('dynamite on a module with a single table', () => {
  it('verify-erasure checks every entity and exits 2 for the kept invoice', async () => {
    const { code, stdout, stderr } = await dynamite({}, 'verify-erasure', MODULE);
    expect(stderr).toBe('');
    expect(stdout.split('\n').slice(0, 6)).toEqual([
      'erasure: NEEDS REVIEW (7 tables, 0 failures, 3 to review, 0 notes)',
      '',
      '  REVIEW  app/invoice: decision none: "Invoices are kept ten years for the tax office."',
      '  REVIEW  app/invoice.userId: the subject reference userId (identifier) survives erasure: names the customer on a kept invoice',
      '  REVIEW  app/product: decision none: "The catalogue: no data about a person."',
      '',
    ]);
    expect(stdout).toContain(
      '  app/review  [cascade]\n    - shallow from app/user by index gsi1: removes authorId\n    * authorId (identifier): erased by removal\n',
    );
    expect(code).toBe(2);
    const json = JSON.parse((await dynamite({}, 'verify-erasure', MODULE, '--json')).stdout);
    expect(json.findings[1]).toMatchObject({
      code: 'reference.survives',
      table: 'app',
      entity: 'invoice',
      attribute: 'userId',
    });
  });

  it('terraform and data-map print what the library gives for the same module', async () => {
    const hcl = await dynamite({}, 'terraform', MODULE);
    expect([hcl.code, hcl.stderr]).toEqual([0, '']);
    expect(hcl.stdout).toBe(toTerraform(tables));
    expect(hcl.stdout.match(/resource "aws_dynamodb_table"/g)).toHaveLength(2);
    const csv = await dynamite({}, 'data-map', MODULE, '--csv');
    expect([csv.code, csv.stderr]).toEqual([0, '']);
    expect(csv.stdout).toBe(toDataMap(tables).csv);
    expect(csv.stdout.split('\r\n')).toContain(
      'app,authorId,authorId,S,index:gsi1,identifier,authorship,,cascade,removal,shallow from app/user by index gsi1: removes authorId,review,',
    );
    const json = await dynamite({}, 'data-map', MODULE);
    expect(json.stdout).toBe(toDataMap(tables).json);
  });

  it('reapply-erasures erases the restored entities again', async () => {
    const client = new DynamoDBClient(localClientConfig());
    try {
      const names = await createAppTables(client, uniqueName('cs'));
      await seedApp(client, names);
      const { eraser } = connectApp(client, names);
      const since = new Date();
      await eraser.executeErasure(await eraser.planErasure('ada'));
      const erased = await snapshotApp(client, names);
      await seedApp(client, names); // the restore brings ada's items back
      const env = {
        ERASURE_CLIENT_CONFIG: JSON.stringify(localClientConfig()),
        ERASURE_TABLE_NAMES: JSON.stringify(names),
      };
      const run = await dynamite(
        env,
        'reapply-erasures',
        'test/erasure-modules/single-table-eraser.ts',
        '--since',
        since.toISOString(),
      );
      expect([run.code, run.stderr]).toEqual([0, '']);
      expect(run.stdout).toMatch(/^ {2}ada: finished, 6 of 6 steps \(plan [0-9a-f]{32}\)$/m);
      expect(await snapshotApp(client, names)).toEqual(erased);
    } finally {
      client.destroy();
    }
  });
});
