import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { defineTable } from '../define-table.js';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { allowAll } from '../policy/rules.js';
import { attr } from './builders.js';
import { compileAttribute } from './codec.js';
import { SchemaIssue } from './issue.js';
import { defineItem } from './item-schema.js';

function caught(fn: () => unknown): DynamiteError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DynamiteError) return error;
    throw error;
  }
  throw new Error('expected a DynamiteError');
}

const Signup = defineItem({
  email: attr.string().validate((s) => s.includes('@') || 'an email address'),
  age: attr
    .int()
    .validate((n) => n >= 0, 'a non-negative integer')
    .validate((n) => n < 150 || 'an age under 150'),
  nickname: attr
    .string()
    .nullable()
    .optional()
    .validate((s) => s.length <= 8, 'at most 8 characters'),
  tags: attr
    .list(attr.string().validate((t) => t === t.toLowerCase() || 'a lowercase tag'))
    .default([]),
  address: attr
    .map({ zip: attr.string().validate((z) => /^\d{5}$/.test(z) || 'five digits') })
    .validate((a) => a.zip !== '00000' || 'a real address')
    .optional(),
  site: attr
    .string()
    .validate((s) => new URL(s).protocol === 'https:', 'an https URL')
    .optional(),
  score: attr
    .number()
    .validate((n) => n <= 100 || 'at most 100')
    .default(500),
});

const ok = { email: 'ada@example.com', age: 36 };

describe('validate()', () => {
  it('accepts values every check passes and stores them unchanged', () => {
    expect(Signup.marshal({ ...ok, score: 99, tags: ['x'], address: { zip: '12345' } })).toEqual({
      email: { S: 'ada@example.com' },
      age: { N: '36' },
      score: { N: '99' },
      tags: { L: [{ S: 'x' }] },
      address: { M: { zip: { S: '12345' } } },
    });
  });

  it.each([
    [{ email: 'ada' }, 'email', 'an email address', 'ada'],
    [{ age: -1 }, 'age', 'a non-negative integer', -1],
    [{ age: 151 }, 'age', 'an age under 150', 151],
    [{ nickname: 'much too long' }, 'nickname', 'at most 8 characters', 'much too long'],
    [{ tags: ['ok', 'Bad'] }, 'tags[1]', 'a lowercase tag', 'Bad'],
    [{ address: { zip: '1' } }, 'address.zip', 'five digits', '1'],
    [{ address: { zip: '00000' } }, 'address', 'a real address', { zip: '00000' }],
  ])(
    'refuses %o on write, naming the path and what is allowed',
    (patch, path, expected, received) => {
      const error = caught(() => Signup.marshal({ ...ok, score: 1, ...patch }));
      expect(error).toMatchObject({ code: 'schema.invalid', path, expected, received });
      expect(error.message).toBe(
        `invalid item: ${path} expected ${expected}, received ${describeValue(received)}`,
      );
    },
  );

  it('runs the type checks first, so a check only sees values of the declared type', () => {
    expect(caught(() => Signup.marshal({ ...ok, email: 42 } as never))).toMatchObject({
      path: 'email',
      expected: 'a string',
    });
  });

  it('reports a check that throws as schema.invalid, keeping the thrown error as the cause', () => {
    const error = caught(() => Signup.marshal({ ...ok, score: 1, site: 'not a url' }));
    expect(error).toMatchObject({ path: 'site', expected: 'an https URL', received: 'not a url' });
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(caught(() => Signup.marshal({ ...ok, score: 1, site: 'http://x' }))).toMatchObject({
      expected: 'an https URL',
    });
  });

  it('checks defaults too: a default is written like any other value', () => {
    expect(caught(() => Signup.marshal(ok))).toMatchObject({
      path: 'score',
      expected: 'at most 100',
      received: 500,
    });
  });

  it('never calls a check with null', () => {
    const calls: unknown[] = [];
    const Item = defineItem({
      note: attr
        .string()
        .nullable()
        .validate((s) => {
          calls.push(s);
          return true;
        }),
    });
    expect(Item.unmarshal(Item.marshal({ note: null }))).toEqual({ note: null });
    expect(calls).toEqual([]);
  });

  it('treats any answer other than true as a failure, using allowed or a generic text', () => {
    const Item = defineItem({
      a: attr.string().validate(() => false),
      b: attr.string().validate(() => undefined as never, 'a B'),
    });
    expect(caught(() => Item.marshal({ a: 'x', b: 'y' }))).toMatchObject({
      path: 'a',
      expected: 'a value its validate() check accepts',
    });
    const Only = defineItem({ b: attr.string().validate(() => undefined as never, 'a B') });
    expect(caught(() => Only.marshal({ b: 'y' }))).toMatchObject({ path: 'b', expected: 'a B' });
  });

  it('checks strict reads and skips lenient ones', () => {
    const stored = { email: { S: 'nobody' }, age: { N: '36' }, score: { N: '1' } };
    expect(caught(() => Signup.unmarshal(stored))).toMatchObject({
      message:
        'stored item does not match the schema: email expected an email address, received "nobody"',
      path: 'email',
    });
    expect(Signup.unmarshal(stored, { validation: 'lenient' }).email).toBe('nobody');
  });

  it('can be left out of a compiled codec, for values compared rather than stored', () => {
    const tags = Signup.fields.tags;
    const [encode] = compileAttribute(tags, { checks: false });
    expect(encode(['Upper'])).toEqual({ L: [{ S: 'Upper' }] });
    expect(() => encode([1])).toThrow(SchemaIssue);
    expect(() => compileAttribute(tags)[0](['Upper'])).toThrow(SchemaIssue);
  });

  it('leaves the attribute it was called on unchanged', () => {
    const plain = attr.string();
    const checked = plain.validate((s) => s !== '');
    expect(plain.validations).toEqual([]);
    expect(checked.validations).toHaveLength(1);
    expect(Object.isFrozen(checked.validations)).toBe(true);
  });
});

describe('validate() in table operations', () => {
  const client = new DynamoDBClient({
    region: 'local',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  afterAll(() => client.destroy());
  const signups = defineTable({
    name: 'signups',
    item: Signup,
    partitionKey: 'email',
    policies: allowAll(),
  });
  const db = signups.connect(client).asSystem('test');

  it('checks keys, puts and update values', () => {
    expect(caught(() => db.requests.get({ email: 'nope' }))).toMatchObject({
      path: 'email',
      expected: 'an email address',
    });
    expect(caught(() => db.requests.put({ ...ok, score: 1, age: 200 }))).toMatchObject({
      path: 'age',
      expected: 'an age under 150',
    });
    expect(
      caught(() => db.requests.update({ email: 'a@b' }, { set: { 'address.zip': 'x' } })),
    ).toMatchObject({ path: 'address.zip', expected: 'five digits' });
    expect(db.requests.update({ email: 'a@b' }, { set: { age: 40 } }).UpdateExpression).toBe(
      'SET #n0 = :v0',
    );
  });

  it('lets a condition compare with values the checks would refuse to store', () => {
    // "Is the age under 0 or over 200?" asks about stored data; it stores nothing.
    const request = db.requests.update(
      { email: 'a@b' },
      { set: { age: 40 } },
      { if: (c) => c.or(c.lt('age', 0), c.gt('age', 200)) },
    );
    expect(request.ExpressionAttributeValues).toMatchObject({
      ':v1': { N: '0' },
      ':v2': { N: '200' },
    });
    // A value of the wrong type is still refused.
    expect(
      caught(() =>
        db.requests.update(
          { email: 'a@b' },
          { set: { age: 40 } },
          { if: (c) => c.lt('age', 'x' as never) },
        ),
      ),
    ).toMatchObject({ code: 'schema.invalid', path: 'age' });
  });
});
