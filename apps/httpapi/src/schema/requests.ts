import { MAX_OWNER_LENGTH, SYMMETRY_TYPES } from '@symval/attestation';
import { arraySchema, objectSchema, stringSchema } from './schema.js';

// The engine's limits, taken from it so that OpenAPI shows them; the engine's input check
// (`checkAttestInput`) then applies the rules the schema cannot say.
// A hostname is at most 253 characters; room for a trailing dot and surrounding spaces, which
// normalisation removes. Unicode labels are shorter than their `xn--` form.
const MAX_DOMAIN_INPUT_LENGTH = 300;
const MAX_GROUP_SIZE = Math.max(...SYMMETRY_TYPES.map((type) => type.hostnames));

const typeList = SYMMETRY_TYPES.map((type) => `\`${type.code}\` (${type.name})`).join(', ');

/** `owner`: hashed exactly as sent, so no trimming; control characters would hash ambiguously. */
export const ownerSchema = stringSchema({
  minLength: 1,
  maxLength: MAX_OWNER_LENGTH,
  pattern: '^[^\\p{Cc}\\p{Cs}]*$',
  patternMessage: 'must not contain control characters or lone surrogates',
  description: 'Who owns the group, as published in the group ID; a URL is recommended.',
  examples: ['https://me.example'],
});

/** `type`: a symmetry type name or code; resolved by `@symval/attestation`. */
export const typeSchema = stringSchema({
  minLength: 1,
  maxLength: 64,
  description: `A symmetry type, by name or code (case-insensitive): ${typeList}.`,
  examples: ['mirrornames', 'e'],
});

/** `domains`: the group's hostnames; normalised (lowercase, trailing dot, IDNA) by the API. */
export const domainsSchema = arraySchema(
  stringSchema({
    minLength: 1,
    maxLength: MAX_DOMAIN_INPUT_LENGTH,
    description: 'A hostname; Unicode or `xn--` labels, any case, optional trailing dot.',
    examples: ['me.example.com'],
  }),
  {
    minItems: 1,
    maxItems: MAX_GROUP_SIZE,
    description: 'The hostnames of the group, as many as its type needs (1 or 2).',
  },
);

/** The body of `POST /api/v1/attest` and `POST /api/v1/withdraw`. */
export const groupRequestSchema = objectSchema(
  { owner: ownerSchema, type: typeSchema, domains: domainsSchema },
  { description: 'A group: its owner, symmetry type and hostnames.' },
);

/** The `groupId` path parameter of `GET /api/v1/groups/{groupId}`. */
export const groupIdSchema = stringSchema({
  minLength: 1,
  maxLength: 200,
  pattern: '^v1:[a-z]:[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$',
  patternMessage: 'must be a v1 group ID (v1:<type>:<base64 sha256>:<base64 sha256>)',
  description: 'A v1 group ID, percent-encoded in the path (`/` is `%2F`).',
  examples: [
    'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=',
  ],
});
