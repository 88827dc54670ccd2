import { describe, expect, it } from 'vitest';
import { attestedGroup } from '../../test/groups.js';
import { RecordsError } from '../errors.js';
import { validateAttestedGroup } from './validate-attested.js';

const mirror = attestedGroup('https://example.blog', 'e', ['me.example.com', 'com.example.me']);

function refusal(records: unknown): RecordsError {
  try {
    validateAttestedGroup(records as never);
  } catch (error) {
    if (error instanceof RecordsError) return error;
    throw error;
  }
  throw new Error('expected a RecordsError');
}

describe('validateAttestedGroup', () => {
  it('accepts the records of one group and gives its group ID, owner, type and hostnames', () => {
    expect(validateAttestedGroup(mirror)).toMatchObject({
      groupId: mirror[0]!.groupId,
      owner: 'https://example.blog',
      type: 'e',
      hostnames: ['me.example.com', 'com.example.me'],
    });
  });

  it('refuses an empty list and more than one transaction can hold', () => {
    expect(refusal([]).code).toBe('input.invalid');
    expect(refusal(Array.from({ length: 101 }, () => mirror[0])).message).toContain('1 to 100');
  });

  it('refuses records of different groups, owners or types', () => {
    const other = attestedGroup('https://example.blog', 'a', ['zb.snus.suns.bz']);
    expect(refusal([mirror[0], other[0]])).toMatchObject({ index: 1, field: 'groupId' });
    expect(refusal([mirror[0], { ...mirror[1]!, owner: 'https://else.example' }])).toMatchObject({
      index: 1,
      field: 'owner',
    });
  });

  it('refuses a group ID that is not the v1 ID of the owner, type and hostnames', () => {
    const forged = mirror.map((r) => ({ ...r, owner: 'https://impostor.example' }));
    const error = refusal(forged);
    expect(error).toMatchObject({ code: 'input.invalid', field: 'groupId' });
    expect(error.message).toContain('is not the v1 ID');
    expect(refusal([mirror[0]]).field).toBe('groupId');
  });

  it('refuses a repeated hostname, an unknown type and an invalid time', () => {
    expect(refusal([mirror[0], mirror[0]])).toMatchObject({ index: 1, field: 'hostname' });
    expect(refusal([{ ...mirror[0]!, type: 'z' }])).toMatchObject({ index: 0, field: 'type' });
    expect(refusal([{ ...mirror[0]!, validateTime: new Date(Number.NaN) }])).toMatchObject({
      index: 0,
      field: 'validateTime',
    });
    expect(refusal([{ ...mirror[0]!, hostname: '' }])).toMatchObject({ field: 'hostname' });
  });
});
