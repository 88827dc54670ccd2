// The tables infra deploys against the tables the code expects: dynamite's Terraform exporter
// writes `aws_dynamodb_table` from the records schema (`domainRecords`) and from dynamite's
// own erasure checkpoint table (`erasureCheckpoints`), Terraform's own HCL parser (hcl2json)
// reads it back, and the result must state what infra's definition of each table states,
// argument for argument.
import { parse } from '@cdktf/hcl2json';
import { erasureCheckpoints, toTerraform } from '@symval/dynamite-orm';
import { domainRecords } from '@symval/records';
import { describe, expect, it } from 'vitest';
import {
  domainTableDefinition,
  erasureCheckpointTableDefinition,
  type TableDefinition,
  type TerraformTableArguments,
  toSstDynamoArgs,
  toTerraformTableArguments,
} from '../src/index.js';
import { TYPES } from './sst/deployment.js';
import { dev, production } from './sst/shared.js';

type Body = Record<string, unknown>;

/** The one `aws_dynamodb_table` of an HCL text, in Terraform's JSON syntax (blocks are lists). */
async function parseTable(hcl: string): Promise<{ resourceName: string; body: Body }> {
  const json = (await parse('dynamodb.tf', hcl)) as {
    resource?: { aws_dynamodb_table?: Record<string, Body[]> };
  };
  const tables = Object.entries(json.resource?.aws_dynamodb_table ?? {});
  expect(tables.map(([name, bodies]) => [name, bodies.length])).toEqual([[expect.any(String), 1]]);
  const [resourceName, [body]] = tables[0]!;
  return { resourceName, body: body! };
}

/**
 * The parsed arguments in the shape of {@link TerraformTableArguments}: the single
 * `point_in_time_recovery` and `ttl` blocks unwrapped, attributes and indexes sorted by name
 * (Terraform treats both as sets), and arguments stating Terraform's defaults left out
 * (`stream_enabled = false`, no index), as HCL leaves them out. The physical `name` is left
 * out too: SST names the table per stage.
 */
function comparable(body: Body): Body {
  const {
    name: _name,
    point_in_time_recovery,
    ttl,
    attribute,
    global_secondary_index,
    stream_enabled,
    ...rest
  } = body as Body & {
    point_in_time_recovery?: Body | Body[];
    ttl?: Body | Body[];
    attribute?: { name: string }[];
    global_secondary_index?: { name: string }[];
    stream_enabled?: boolean;
  };
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  return {
    ...rest,
    ...(attribute ? { attribute: [...attribute].sort(byName) } : {}),
    ...(global_secondary_index?.length
      ? { global_secondary_index: [...global_secondary_index].sort(byName) }
      : {}),
    ...(stream_enabled ? { stream_enabled } : {}),
    ...(ttl ? { ttl: single(ttl) } : {}),
    ...(point_in_time_recovery ? { point_in_time_recovery: single(point_in_time_recovery) } : {}),
  };
}

/** A block Terraform allows once: HCL's JSON form has it as a list (a plain object from SST). */
function single(block: Body | Body[]): Body {
  if (!Array.isArray(block)) return block;
  if (block.length !== 1) throw new Error(`expected one block, got ${block.length}`);
  return block[0]!;
}

interface RecordedDynamoArgs {
  fields: Record<string, 'string' | 'number' | 'binary'>;
  primaryIndex: { hashKey: string; rangeKey?: string };
  globalIndexes?: Record<
    string,
    { hashKey: string; rangeKey?: string; projection?: 'all' | 'keys-only' | string[] }
  >;
  stream?: string;
  ttl?: string;
  transform?: { table?: Body };
}

/**
 * The `aws_dynamodb_table` arguments SST v4's `sst.aws.Dynamo` makes of its arguments
 * (platform/src/components/aws/dynamo.ts: one attribute per field, on demand, PITR on,
 * `stream_enabled` false without a stream and the stream type upper-cased with one, TTL
 * enabled on the `ttl` field, an index's projection "all" unless "keys-only" or a list), then
 * `transform.table` laid over them.
 */
function sstTableArguments(args: RecordedDynamoArgs): Body {
  const types = { string: 'S', number: 'N', binary: 'B' } as const;
  const made: Body = {
    attribute: Object.entries(args.fields).map(([name, type]) => ({ name, type: types[type] })),
    billing_mode: 'PAY_PER_REQUEST',
    hash_key: args.primaryIndex.hashKey,
    ...(args.primaryIndex.rangeKey ? { range_key: args.primaryIndex.rangeKey } : {}),
    stream_enabled: Boolean(args.stream),
    ...(args.stream ? { stream_view_type: args.stream.toUpperCase().replaceAll('-', '_') } : {}),
    point_in_time_recovery: { enabled: true },
    ...(args.ttl ? { ttl: { attribute_name: args.ttl, enabled: true } } : {}),
    global_secondary_index: Object.entries(args.globalIndexes ?? {}).map(([name, index]) => ({
      name,
      hash_key: index.hashKey,
      ...(index.rangeKey ? { range_key: index.rangeKey } : {}),
      ...(index.projection === 'keys-only'
        ? { projection_type: 'KEYS_ONLY' }
        : Array.isArray(index.projection)
          ? { projection_type: 'INCLUDE', non_key_attributes: index.projection }
          : { projection_type: 'ALL' }),
    })),
  };
  const table = args.transform?.table ?? {};
  if (table.billingMode !== undefined) made.billing_mode = table.billingMode;
  if (table.pointInTimeRecovery !== undefined)
    made.point_in_time_recovery = table.pointInTimeRecovery;
  return made;
}

/** The inputs of Pulumi's `aws.dynamodb.Table` (what SST's Dynamo registered). */
interface PulumiTableInputs {
  attributes: { name: string; type: string }[];
  billingMode: string;
  hashKey: string;
  rangeKey?: string;
  streamEnabled?: boolean;
  streamViewType?: string;
  pointInTimeRecovery?: Body;
  ttl?: { attributeName: string; enabled: boolean };
  globalSecondaryIndexes?: {
    name: string;
    hashKey: string;
    rangeKey?: string;
    projectionType: string;
    nonKeyAttributes?: string[];
  }[];
}

/** Pulumi's table inputs in Terraform's argument names (the provider is Terraform's). */
function terraformArgumentsOf(table: PulumiTableInputs): Body {
  return {
    attribute: table.attributes,
    billing_mode: table.billingMode,
    hash_key: table.hashKey,
    ...(table.rangeKey ? { range_key: table.rangeKey } : {}),
    stream_enabled: Boolean(table.streamEnabled),
    ...(table.streamViewType ? { stream_view_type: table.streamViewType } : {}),
    ...(table.pointInTimeRecovery ? { point_in_time_recovery: table.pointInTimeRecovery } : {}),
    ...(table.ttl
      ? { ttl: { attribute_name: table.ttl.attributeName, enabled: table.ttl.enabled } }
      : {}),
    global_secondary_index: (table.globalSecondaryIndexes ?? []).map((index) => ({
      name: index.name,
      hash_key: index.hashKey,
      ...(index.rangeKey ? { range_key: index.rangeKey } : {}),
      projection_type: index.projectionType,
      ...(index.nonKeyAttributes ? { non_key_attributes: index.nonKeyAttributes } : {}),
    })),
  };
}

type Fact = [string, (keyof TerraformTableArguments)[]];

/** One table: dynamite's definition of it, infra's, and its SST name. */
interface TableCase {
  title: string;
  schema: Parameters<typeof toTerraform>[0][number];
  definition: TableDefinition;
  sstName: string;
  facts: Fact[];
}

/** dynamite's Terraform for one table, read back by Terraform's parser. */
async function exported(schema: TableCase['schema']): Promise<{ name: unknown; args: Body }> {
  const { body } = await parseTable(toTerraform([schema]));
  return { name: body.name, args: comparable(body) };
}

const keysFact: Fact = ['keys and their types', ['hash_key', 'range_key', 'attribute']];
const pitrFact: Fact = ['point-in-time recovery', ['point_in_time_recovery']];
const billingFact: Fact = ['on-demand billing', ['billing_mode']];

const tables: TableCase[] = [
  {
    title: 'the DomainRecord table, as dynamite exports it from the records schema',
    schema: domainRecords,
    definition: domainTableDefinition(),
    sstName: 'DomainRecords',
    facts: [
      keysFact,
      ['the byOwner index: keys and keys-only projection', ['global_secondary_index']],
      ['the stream and its view type', ['stream_enabled', 'stream_view_type']],
      pitrFact,
      billingFact,
    ],
  },
  {
    title: 'the erasure checkpoint table, as dynamite exports it from erasureCheckpoints',
    schema: erasureCheckpoints,
    definition: erasureCheckpointTableDefinition(),
    sstName: 'ErasureCheckpoints',
    facts: [keysFact, ['TTL on expiresAt', ['ttl']], pitrFact, billingFact],
  },
];

// sst.config.ts evaluated with SST's real components (test/sst/global-setup.ts).
const runs = [dev(), production()];

describe.each(tables)('$title', ({ schema, definition, sstName, facts }) => {
  const fromInfra = toTerraformTableArguments(definition);

  it('is one aws_dynamodb_table whose arguments are exactly infra’s definition', async () => {
    const { name, args } = await exported(schema);
    expect(name).toBe(schema.name);
    expect(args).toEqual(fromInfra);
  });

  it.each(facts)('agrees with infra on %s', async (_fact, keys) => {
    const { args } = await exported(schema);
    const pick = (from: object) =>
      Object.fromEntries(keys.map((key) => [key, (from as Record<string, unknown>)[key]]));
    expect(pick(fromInfra)).toEqual(pick(args));
    for (const key of keys) expect(fromInfra[key]).toBeDefined();
  });

  it('is the table SST registers with the AWS provider, in every stage', async () => {
    const { args: fromDynamite } = await exported(schema);
    for (const run of runs) {
      const table = run.inputs<PulumiTableInputs>(TYPES.table, `${sstName}Table`);
      expect(comparable(terraformArgumentsOf(table))).toEqual(fromDynamite);
    }
  });

  it('is what the model of SST’s Dynamo below makes of infra’s arguments, as SST really does', () => {
    // The "would show a difference" cases below run through this model, so it must agree
    // with SST's real component.
    const args = toSstDynamoArgs(definition, { deletionProtection: false });
    const table = runs[0]!.inputs<PulumiTableInputs>(TYPES.table, `${sstName}Table`);
    expect(comparable(sstTableArguments(args as RecordedDynamoArgs))).toEqual(
      comparable(terraformArgumentsOf(table)),
    );
  });
});

describe('the comparison', () => {
  it('would show a difference: an index projecting everything is not the keys-only byOwner', async () => {
    const { args: fromRecords } = await exported(domainRecords);
    const altered = sstTableArguments({
      fields: { pk: 'string', sk: 'string', Owner: 'string' },
      primaryIndex: { hashKey: 'pk', rangeKey: 'sk' },
      globalIndexes: { byOwner: { hashKey: 'Owner', rangeKey: 'pk' } },
      stream: 'new-and-old-images',
    });
    expect(comparable(altered)).not.toEqual(fromRecords);
    expect(comparable(altered).global_secondary_index).toEqual([
      { name: 'byOwner', hash_key: 'Owner', range_key: 'pk', projection_type: 'ALL' },
    ]);
  });

  it('would show a difference: checkpoints without TTL, or with a string sort key, are not dynamite’s', async () => {
    const { args: fromCheckpoints } = await exported(erasureCheckpoints);
    const withoutTtl = comparable(
      sstTableArguments({
        fields: { pk: 'string', sk: 'number' },
        primaryIndex: { hashKey: 'pk', rangeKey: 'sk' },
      }),
    );
    expect(withoutTtl).not.toEqual(fromCheckpoints);
    const { ttl, ...withoutItsTtl } = fromCheckpoints;
    expect(ttl).toEqual({ attribute_name: 'expiresAt', enabled: true });
    expect(withoutTtl).toEqual(withoutItsTtl);

    const stringPart = comparable(
      sstTableArguments({
        fields: { pk: 'string', sk: 'string' },
        primaryIndex: { hashKey: 'pk', rangeKey: 'sk' },
        ttl: 'expiresAt',
      }),
    );
    expect(stringPart).not.toEqual(fromCheckpoints);
    expect(stringPart.attribute).toEqual([
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'S' },
    ]);
  });

  it('would show a difference: a stream on the checkpoint table is not in dynamite’s export', async () => {
    const { args: fromCheckpoints } = await exported(erasureCheckpoints);
    const withStream = comparable(
      sstTableArguments({
        fields: { pk: 'string', sk: 'number' },
        primaryIndex: { hashKey: 'pk', rangeKey: 'sk' },
        stream: 'new-and-old-images',
        ttl: 'expiresAt',
      }),
    );
    expect(withStream).toEqual({
      ...fromCheckpoints,
      stream_enabled: true,
      stream_view_type: 'NEW_AND_OLD_IMAGES',
    });
  });
});
