// The table infra deploys against the table the code expects: dynamite's Terraform exporter
// writes `aws_dynamodb_table` from the records schema (`domainRecords`), Terraform's own HCL
// parser (hcl2json) reads it back, and the result must state what infra's single definition
// states, argument for argument.
import { parse } from '@cdktf/hcl2json';
import { toTerraform } from '@symval/dynamite-orm';
import { domainRecords } from '@symval/records';
import { describe, expect, it } from 'vitest';
import {
  domainTableDefinition,
  type TerraformTableArguments,
  toTerraformTableArguments,
} from '../src/index.js';
import { resolve } from './platform-stub.js';
import { runConfig } from './run-config.js';

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
 * `point_in_time_recovery` block unwrapped, attributes and indexes sorted by name (Terraform
 * treats both as sets). The physical `name` is left out: SST names the table per stage.
 */
function comparable(body: Body): Body {
  const {
    name: _name,
    point_in_time_recovery,
    attribute,
    global_secondary_index,
    ...rest
  } = body as Body & {
    point_in_time_recovery?: Body | Body[];
    attribute?: { name: string }[];
    global_secondary_index?: { name: string }[];
  };
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  return {
    ...rest,
    ...(attribute ? { attribute: [...attribute].sort(byName) } : {}),
    ...(global_secondary_index
      ? { global_secondary_index: [...global_secondary_index].sort(byName) }
      : {}),
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
  transform?: { table?: Body };
}

/**
 * The `aws_dynamodb_table` arguments SST v4's `sst.aws.Dynamo` makes of its arguments
 * (platform/src/components/aws/dynamo.ts: one attribute per field, on demand, PITR on, the
 * stream type upper-cased, an index's projection "all" unless "keys-only" or a list), then
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

const generated = await parseTable(toTerraform([domainRecords]));
const fromRecords = comparable(generated.body);
const fromInfra = toTerraformTableArguments(domainTableDefinition());

describe('the DomainRecord table, as dynamite exports it from the records schema', () => {
  it('is one aws_dynamodb_table whose arguments are exactly infra’s definition', () => {
    expect(generated.body.name).toBe(domainRecords.name);
    expect(fromRecords).toEqual(fromInfra);
  });

  it.each<[string, (keyof TerraformTableArguments)[]]>([
    ['keys and their types', ['hash_key', 'range_key', 'attribute']],
    ['the byOwner index: keys and keys-only projection', ['global_secondary_index']],
    ['the stream and its view type', ['stream_enabled', 'stream_view_type']],
    ['point-in-time recovery', ['point_in_time_recovery']],
    ['on-demand billing', ['billing_mode']],
  ])('agrees with infra on %s', (_fact, keys) => {
    const pick = (from: object) =>
      Object.fromEntries(keys.map((key) => [key, (from as Record<string, unknown>)[key]]));
    expect(pick(fromInfra)).toEqual(pick(fromRecords));
    for (const key of keys) expect(fromInfra[key]).toBeDefined();
  });

  it('is what SST makes of the arguments infra gives sst.aws.Dynamo, in every stage', async () => {
    for (const stage of ['dev', 'production']) {
      const run = await runConfig(stage);
      const args = resolve(run.recording.one('sst.aws.Dynamo', 'DomainRecords').args);
      expect(comparable(sstTableArguments(args as RecordedDynamoArgs))).toEqual(fromRecords);
    }
  });

  it('would show a difference: an index projecting everything is not the keys-only byOwner', () => {
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
});
