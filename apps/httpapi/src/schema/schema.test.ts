import { describe, expect, it } from 'vitest';
import { groupRequestSchema, ownerSchema } from './requests.js';
import { arraySchema, objectSchema, stringSchema } from './schema.js';

describe('schema builders', () => {
  const schema = objectSchema({
    name: stringSchema({ minLength: 1, maxLength: 3 }),
    tags: arraySchema(stringSchema({ pattern: '^[a-z]+$' }), { minItems: 1, maxItems: 2 }),
  });

  it('emit JSON Schema for what they check', () => {
    expect(schema.json).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 3 },
        tags: {
          type: 'array',
          items: { type: 'string', pattern: '^[a-z]+$' },
          minItems: 1,
          maxItems: 2,
        },
      },
      required: ['name', 'tags'],
      additionalProperties: false,
    });
  });

  it('return the value when it fits', () => {
    expect(schema.check({ name: 'abc', tags: ['x'] }, null)).toEqual({
      ok: true,
      value: { name: 'abc', tags: ['x'] },
    });
  });

  it.each([
    [[], null, 'body-type'],
    [{ name: 'a', tags: ['x'], extra: 1 }, 'extra', 'field-unknown'],
    [{ tags: ['x'] }, 'name', 'field-missing'],
    [{ name: 'a', tags: ['x'], __proto__: null }, null, 'ok'],
    [{ name: 5, tags: ['x'] }, 'name', 'field-type'],
    [{ name: 'abcd', tags: ['x'] }, 'name', 'field-length'],
    [{ name: 'a', tags: [] }, 'tags', 'field-count'],
    [{ name: 'a', tags: ['x', 'Y'] }, 'tags[1]', 'field-pattern'],
    [{ name: 'a', tags: 'x' }, 'tags', 'field-type'],
  ])('refuse %j at %s with %s', (value, field, code) => {
    const result = schema.check(value, null);
    if (code === 'ok') expect(result.ok).toBe(true);
    else expect(result).toMatchObject({ ok: false, issue: { field, code } });
  });

  it('count lengths in code points, as JSON Schema does', () => {
    expect(stringSchema({ maxLength: 2 }).check('😀😀', 'x').ok).toBe(true);
    expect(stringSchema({ maxLength: 2 }).check('😀😀😀', 'x').ok).toBe(false);
  });

  it('treat a JSON "__proto__" key as an unknown field', () => {
    const result = schema.check(JSON.parse('{"name":"a","tags":["x"],"__proto__":{}}'), null);
    expect(result).toMatchObject({
      ok: false,
      issue: { field: '__proto__', code: 'field-unknown' },
    });
  });
});

describe('the request schemas', () => {
  it('refuse owners with control characters or lone surrogates, as the engine does', () => {
    expect(ownerSchema.check('https://me.example', 'owner').ok).toBe(true);
    expect(ownerSchema.check('ünïcode 😀', 'owner').ok).toBe(true);
    for (const bad of ['a\u0000b', 'tab\there', 'del\u007f', 'c1\u0085', 'lone\ud800']) {
      expect(ownerSchema.check(bad, 'owner')).toMatchObject({
        ok: false,
        issue: { code: 'field-pattern' },
      });
    }
  });

  it('allow groups of one or two hostnames', () => {
    expect(groupRequestSchema.json).toMatchObject({
      properties: { domains: { minItems: 1, maxItems: 2 } },
      required: ['owner', 'type', 'domains'],
    });
  });
});
