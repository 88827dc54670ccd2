// The operation a cancellation reason names covers reads: transactGet reports its gets.
import { describe, expectTypeOf, it } from 'vitest';
import type { CancellationReason } from './dynamite-error.js';

describe('CancellationReason', () => {
  it("names a read transaction's operations 'get'", () => {
    expectTypeOf<CancellationReason['operation']>().toEqualTypeOf<
      'put' | 'update' | 'delete' | 'check' | 'get'
    >();
  });
});
