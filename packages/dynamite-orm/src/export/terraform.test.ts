import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { messages, rooms, tables, users } from '../../test/social.js';
import { attr, defineItem, defineTable } from '../index.js';
import { toTerraform } from './terraform.js';

type Resource = Record<string, unknown>;

/**
 * hcl2json answers in Terraform's JSON syntax, where a literal `${` or `%{` is written `$${` or
 * `%%{`: this turns such a string back into the literal value.
 */
function literal(value: string): string {
  return value.replaceAll('$${', '${').replaceAll('%%{', '%{');
}

/** Parses HCL with Terraform's own parser (HashiCorp's HCL, compiled to wasm). */
async function resources(hcl: string): Promise<Record<string, Resource>> {
  const json = (await parse('main.tf', hcl)) as {
    resource: { aws_dynamodb_table: Record<string, Resource[]> };
  };
  return Object.fromEntries(
    Object.entries(json.resource.aws_dynamodb_table).map(([name, [body]]) => [name, body!]),
  );
}

const Event = defineItem({
  tenantId: attr.string().savedAs('pk'),
  eventId: attr.string().savedAs('sk'),
  kind: attr.literal('click', 'view'),
  at: attr.date({ storage: 'epochMillis' }),
  userId: attr.string().optional(),
  payload: attr.binary().optional(),
  score: attr.float().optional(),
  expiresAt: attr.date({ storage: 'epochSeconds' }).optional(),
});

const onDemand = defineTable({
  name: 'events',
  description: 'Clicks and views.',
  item: Event,
  partitionKey: 'tenantId',
  sortKey: 'eventId',
  ttl: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
  indexes: {
    byUser: { partitionKey: 'userId', sortKey: 'at', projection: ['kind', 'score'] },
    byKind: { partitionKey: 'kind', projection: 'keys' },
    byTime: { type: 'local', partitionKey: 'tenantId', sortKey: 'at' },
    byPayload: {
      type: 'local',
      partitionKey: 'tenantId',
      sortKey: 'payload',
      projection: ['score'],
    },
  },
});

const provisioned = defineTable({
  name: 'events.archive',
  item: Event,
  partitionKey: 'tenantId',
  sortKey: 'eventId',
  billing: { mode: 'provisioned', read: 5, write: 2 },
  indexes: {
    byUser: { partitionKey: 'userId', throughput: { read: 3, write: 1 } },
    byKind: { partitionKey: 'kind', sortKey: 'at' },
    byTime: { type: 'local', partitionKey: 'tenantId', sortKey: 'at', projection: 'keys' },
  },
});

describe('toTerraform', () => {
  it('writes an on-demand table with GSIs, LSIs, TTL, stream and PITR that parses back', async () => {
    const parsed = await resources(toTerraform([onDemand]));
    expect(parsed).toEqual({
      events: {
        name: 'events',
        billing_mode: 'PAY_PER_REQUEST',
        hash_key: 'pk',
        range_key: 'sk',
        stream_enabled: true,
        stream_view_type: 'NEW_AND_OLD_IMAGES',
        attribute: [
          { name: 'at', type: 'N' },
          { name: 'kind', type: 'S' },
          { name: 'payload', type: 'B' },
          { name: 'pk', type: 'S' },
          { name: 'sk', type: 'S' },
          { name: 'userId', type: 'S' },
        ],
        global_secondary_index: [
          { name: 'byKind', hash_key: 'kind', projection_type: 'KEYS_ONLY' },
          {
            name: 'byUser',
            hash_key: 'userId',
            range_key: 'at',
            projection_type: 'INCLUDE',
            non_key_attributes: ['kind', 'score'],
          },
        ],
        local_secondary_index: [
          {
            name: 'byPayload',
            range_key: 'payload',
            projection_type: 'INCLUDE',
            non_key_attributes: ['score'],
          },
          { name: 'byTime', range_key: 'at', projection_type: 'ALL' },
        ],
        ttl: [{ attribute_name: 'expiresAt', enabled: true }],
        point_in_time_recovery: [{ enabled: true }],
      },
    });
  });

  it('writes capacities of a provisioned table and its global indexes', async () => {
    const parsed = await resources(toTerraform([provisioned], { pointInTimeRecovery: false }));
    expect(parsed).toEqual({
      events_archive: {
        name: 'events.archive',
        billing_mode: 'PROVISIONED',
        read_capacity: 5,
        write_capacity: 2,
        hash_key: 'pk',
        range_key: 'sk',
        attribute: [
          { name: 'at', type: 'N' },
          { name: 'kind', type: 'S' },
          { name: 'pk', type: 'S' },
          { name: 'sk', type: 'S' },
          { name: 'userId', type: 'S' },
        ],
        global_secondary_index: [
          {
            name: 'byKind',
            hash_key: 'kind',
            range_key: 'at',
            projection_type: 'ALL',
            read_capacity: 5,
            write_capacity: 2,
          },
          {
            name: 'byUser',
            hash_key: 'userId',
            projection_type: 'ALL',
            read_capacity: 3,
            write_capacity: 1,
          },
        ],
        local_secondary_index: [{ name: 'byTime', range_key: 'at', projection_type: 'KEYS_ONLY' }],
        point_in_time_recovery: [{ enabled: false }],
      },
    });
  });

  it('escapes strings and keeps template sigils literal', async () => {
    const tags = {
      'team "core"': 'a\\b',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${` is what is tested
      'cost-center': '${var.secret} and %{ if x }',
      multi: 'line one\nline two\ttab',
      unicode: 'zürich ✓',
      already: '$${escaped}',
    };
    const hcl = toTerraform([users], {
      tags,
      tableName: (t) => `prod-${t.name}-"quoted"`,
      deletionProtection: true,
    });
    const parsed = (await resources(hcl)).users as { name: string; tags: Record<string, string> };
    expect(parsed).toMatchObject({
      name: 'prod-users-"quoted"',
      deletion_protection_enabled: true,
    });
    expect(
      Object.fromEntries(Object.entries(parsed.tags).map(([k, v]) => [literal(k), literal(v)])),
    ).toEqual(tags);
    // The sigils were escaped, not read as interpolations.
    expect(parsed.tags['cost-center']).toBe('$${var.secret} and %%{ if x }');
  });

  it('makes valid, unique resource names from any table name', async () => {
    const item = defineItem({ id: attr.string() });
    const a = defineTable({ name: '2fa.codes', item, partitionKey: 'id' });
    const b = defineTable({ name: '2fa-codes', item, partitionKey: 'id' });
    const c = defineTable({ name: '2fa_codes', item, partitionKey: 'id' });
    const parsed = await resources(toTerraform([a, b, c]));
    expect(Object.entries(parsed).map(([resource, body]) => [resource, body.name])).toEqual([
      ['_2fa-codes', '2fa-codes'],
      ['_2fa_codes', '2fa.codes'],
      ['_2fa_codes_2', '2fa_codes'],
    ]);
  });

  it('gives the same text for the same tables in any order', () => {
    const one = toTerraform(tables, { tags: { b: '2', a: '1' } });
    const two = toTerraform([...tables].reverse(), { tags: { a: '1', b: '2' } });
    expect(two).toBe(one);
    expect(one.match(/^resource "aws_dynamodb_table" "(\w+)"/gm)).toEqual([
      'resource "aws_dynamodb_table" "follows"',
      'resource "aws_dynamodb_table" "messages"',
      'resource "aws_dynamodb_table" "rooms"',
      'resource "aws_dynamodb_table" "settings"',
      'resource "aws_dynamodb_table" "topics"',
      'resource "aws_dynamodb_table" "users"',
    ]);
  });

  it('reads like terraform fmt output', () => {
    const hcl = toTerraform([rooms]);
    expect(hcl).toBe(
      [
        '# Generated by @symval/dynamite-orm from table definitions; edit the definitions, not this file.',
        '',
        'resource "aws_dynamodb_table" "rooms" {',
        '  name         = "rooms"',
        '  billing_mode = "PAY_PER_REQUEST"',
        '  hash_key     = "roomId"',
        '',
        '  attribute {',
        '    name = "hostId"',
        '    type = "S"',
        '  }',
        '',
        '  attribute {',
        '    name = "roomId"',
        '    type = "S"',
        '  }',
        '',
        '  global_secondary_index {',
        '    name            = "byHost"',
        '    hash_key        = "hostId"',
        '    projection_type = "KEYS_ONLY"',
        '  }',
        '',
        '  point_in_time_recovery {',
        '    enabled = true',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('refuses unknown options and resource names that are not identifiers', () => {
    expect(() => toTerraform([messages], { pitr: true } as never)).toThrow(
      'toTerraform: unknown option "pitr"; valid: tableName, resourceName, pointInTimeRecovery, deletionProtection, tags',
    );
    expect(() => toTerraform([messages], { resourceName: () => 'my table' })).toThrow(
      'resourceName returned "my table" for table messages: it must be a unique identifier',
    );
  });
});
