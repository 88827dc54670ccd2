import { groupIdSchema, groupRequestSchema } from '../schema/requests.js';
import type { JsonSchema } from '../schema/schema.js';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

// Response shapes are described here for readers; the request schemas are the very objects
// that check requests.
const schemas: Record<string, JsonSchema> = {
  GroupRequest: groupRequestSchema.json,
  Problem: {
    type: 'object',
    required: ['error', 'field', 'code'],
    properties: {
      error: {
        type: 'string',
        description:
          'What is wrong, for people; every error answer has it (existing clients read it).',
      },
      field: {
        type: ['string', 'null'],
        description: 'The request field at fault (`owner`, `domains[1]`), or null.',
      },
      code: {
        type: 'string',
        description: 'What is wrong, for programs.',
        examples: [
          'rate-limited',
          'claims-remain',
          'group-changed',
          'indeterminate',
          'store-unavailable',
          'store-busy',
          'internal',
        ],
      },
      groupId: {
        type: 'string',
        description: 'On withdrawal answers (`group-not-found`, `claims-remain`, ...): the group.',
      },
      deleted: {
        type: 'integer',
        minimum: 0,
        description:
          'On `store-unavailable` and `group-changed` from a withdrawal: the records already removed (withdrawing again removes the rest).',
      },
      reasons: {
        type: 'array',
        items: ref('Reason'),
        description: 'On `claims-remain` and `indeterminate`: why, per hostname.',
      },
      status: {
        const: 'indeterminate',
        description: 'When DNS could not decide (`indeterminate`), on attest and on withdraw.',
      },
    },
  },
  Reason: {
    type: 'object',
    required: ['code', 'message'],
    properties: {
      code: { type: 'string', examples: ['missing-claim', 'lookup-failed', 'symmetry-failed'] },
      domain: { type: 'string' },
      message: { type: 'string' },
    },
  },
  StoredRecord: {
    type: 'object',
    required: ['owner', 'type', 'hostname', 'groupId', 'validateTime', 'rev'],
    properties: {
      owner: { type: 'string' },
      type: { type: 'string', description: 'The symmetry type code.' },
      hostname: { type: 'string' },
      groupId: { type: 'string' },
      validateTime: { type: 'string', format: 'date-time' },
      rev: { type: 'integer', minimum: 1 },
    },
  },
  AttestResponse: {
    type: 'object',
    required: ['isValid', 'expectedId', 'groupIdCount', 'message', 'status', 'reasons'],
    properties: {
      isValid: { type: 'boolean' },
      expectedId: { type: 'string', description: 'The group ID every hostname must carry.' },
      groupIdCount: {
        type: 'integer',
        minimum: 0,
        description: 'How many of the hostnames carry `expectedId` in their claims.',
      },
      errorMessage: { type: 'string', description: 'The reasons in one line, when not valid.' },
      message: { type: 'string' },
      status: {
        enum: ['valid', 'invalid', 'indeterminate'],
        description: '`indeterminate` only in the 503 (`AttestIndeterminate`).',
      },
      reasons: { type: 'array', items: ref('Reason') },
      type: {
        type: 'object',
        properties: { code: { type: 'string' }, name: { type: 'string' } },
      },
      hostnames: { type: 'array', items: { type: 'string' } },
      ignoredRecords: {
        type: 'array',
        items: {
          type: 'object',
          properties: { domain: { type: 'string' }, record: { type: 'string' } },
        },
      },
      records: { type: 'array', items: ref('StoredRecord'), description: 'When valid.' },
    },
  },
  AttestIndeterminate: {
    description:
      'The 503 of an attestation DNS could not decide: every field of an attestation answer, and `error`, `field`, `code` as every error answer has them. Nothing was stored.',
    allOf: [
      ref('AttestResponse'),
      {
        type: 'object',
        required: ['error', 'field', 'code'],
        properties: {
          error: { type: 'string' },
          field: { type: 'null' },
          code: { const: 'indeterminate' },
          status: { const: 'indeterminate' },
        },
      },
    ],
  },
  Withdrawn: {
    type: 'object',
    required: ['withdrawn', 'groupId', 'deleted', 'message'],
    properties: {
      withdrawn: { const: true },
      groupId: { type: 'string' },
      deleted: { type: 'integer' },
      message: { type: 'string' },
    },
  },
  Group: {
    type: 'object',
    required: ['groupId', 'records'],
    properties: {
      groupId: { type: 'string' },
      records: { type: 'array', items: ref('StoredRecord') },
    },
  },
};

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer', minimum: 1 } },
};

function json(description: string, schema: JsonSchema, headers?: object): JsonSchema {
  return {
    description,
    content: { 'application/json': { schema } },
    ...(headers ? { headers } : {}),
  };
}

const problemResponse = (description: string, headers?: object): JsonSchema =>
  json(description, ref('Problem'), headers);

const bodyErrors = {
  '400': problemResponse('Malformed JSON or input refused before any DNS query.'),
  '413': problemResponse('The body is larger than 16 KiB.'),
  '415': problemResponse('The body is not `application/json`.'),
  '429': problemResponse('Over the per-client rate limit.', retryAfter),
};

// A bug or a refusal no retry mends (a validation error from DynamoDB, refused access): the
// message quotes the request id. A table that is throttled or failing is a 503, never this.
const internal = problemResponse(
  'A bug (`internal`); the message quotes the request id to report. A throttled or failing store is a 503, never this.',
);

const storeUnavailable = problemResponse(
  'The record store is throttled or failing (`store-unavailable`), or concurrent writes kept cancelling this one (`store-busy`): try again after Retry-After. A group is stored entirely or not at all.',
  retryAfter,
);

/** The OpenAPI 3.1 description of the API, built from the request schemas that check input. */
export function buildOpenApiDocument(): JsonSchema {
  const groupBody = {
    required: true,
    content: { 'application/json': { schema: ref('GroupRequest') } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'symval API',
      version: '1',
      description:
        'Join the symmetric-domain club by proving control of hostnames through `_suns` TXT records. Every response carries `X-Request-Id`; any origin may call it from a browser (no credentials), and `Retry-After` is readable there.',
    },
    paths: {
      '/api/v1/attest': {
        post: {
          operationId: 'attest',
          summary: 'Attest a group over DNS; a valid group is stored.',
          requestBody: groupBody,
          responses: {
            '200': json('The verdict: `valid` (stored) or `invalid`.', ref('AttestResponse')),
            ...bodyErrors,
            '500': internal,
            '503': json(
              'DNS did not answer for every hostname (`indeterminate`, `AttestIndeterminate`: the attestation fields with `error` and `code`; nothing was stored), or the record store is throttled or failing (`store-unavailable`), or concurrent writes kept cancelling this one (`store-busy`): try again after Retry-After. A group is stored entirely or not at all.',
              { anyOf: [ref('AttestIndeterminate'), ref('Problem')] },
              retryAfter,
            ),
          },
        },
      },
      '/api/v1/withdraw': {
        post: {
          operationId: 'withdraw',
          summary: "Remove a stored group once none of its hostnames carries the group's claim.",
          requestBody: groupBody,
          responses: {
            '200': json('The group was removed.', ref('Withdrawn')),
            ...bodyErrors,
            '404': problemResponse('No records are stored for the group.'),
            '409': problemResponse('A claim is still published, or the group changed meanwhile.'),
            '503': problemResponse(
              'DNS did not answer (`indeterminate`; nothing was removed), or the record store is throttled or failing (`store-unavailable`, with `deleted`: the records already removed; withdrawing again finishes).',
              retryAfter,
            ),
            '500': internal,
          },
        },
      },
      '/api/v1/groups/{groupId}': {
        get: {
          operationId: 'getGroup',
          summary: "A group's stored records, read consistently.",
          parameters: [{ name: 'groupId', in: 'path', required: true, schema: groupIdSchema.json }],
          responses: {
            '200': json('The records.', ref('Group')),
            '400': problemResponse('Not a v1 group ID.'),
            '404': problemResponse('No records are stored for the group.'),
            '500': internal,
            '503': storeUnavailable,
          },
        },
      },
      '/api/v1/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness.',
          responses: {
            '200': json('Alive.', { type: 'object', properties: { status: { const: 'ok' } } }),
          },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document.',
          responses: { '200': json('OpenAPI 3.1.', { type: 'object' }) },
        },
      },
    },
    components: { schemas },
  };
}
