import {
  RATE_LIMIT_KEY as API_KEY,
  RATE_LIMIT_TTL_ATTRIBUTE as API_TTL,
  rateLimitTableInput,
  rateLimitTimeToLiveInput,
} from '@symval/httpapi/rate-limit-table';
import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_KEY, RATE_LIMIT_TTL_ATTRIBUTE } from './rate-limit-table.js';

describe('the rate-limit table infra creates', () => {
  it('has the key and TTL attribute the API counts with', () => {
    expect(RATE_LIMIT_KEY).toBe(API_KEY);
    expect(RATE_LIMIT_TTL_ATTRIBUTE).toBe(API_TTL);
    const input = rateLimitTableInput({ tableName: 't' });
    expect(input.KeySchema).toEqual([{ AttributeName: RATE_LIMIT_KEY, KeyType: 'HASH' }]);
    expect(input.AttributeDefinitions).toEqual([
      { AttributeName: RATE_LIMIT_KEY, AttributeType: 'S' },
    ]);
    expect(rateLimitTimeToLiveInput({ tableName: 't' }).TimeToLiveSpecification).toEqual({
      AttributeName: RATE_LIMIT_TTL_ATTRIBUTE,
      Enabled: true,
    });
  });
});
