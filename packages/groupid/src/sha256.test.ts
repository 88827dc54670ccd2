import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashText, sha256 } from './index.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const nodeHex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256', () => {
  // Byte lengths around the 64-byte block and the 56-byte padding limit: one or two padding
  // blocks, an empty message, several blocks.
  const BOUNDARIES = [
    0, 1, 54, 55, 56, 57, 63, 64, 65, 118, 119, 120, 121, 127, 128, 129, 183, 184, 1000,
  ];

  it.each(BOUNDARIES)('matches node:crypto on a message of %i bytes', (length) => {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
    expect(hex(sha256(bytes))).toBe(nodeHex(bytes));
  });

  it('hashes the UTF-8 bytes of text, as node:crypto does', () => {
    for (const text of ['', 'é', 'bücher.example', '日本'.repeat(40)]) {
      expect(hashText(text)).toBe(createHash('sha256').update(text, 'utf8').digest('base64'));
    }
  });

  it('hashes a view into a larger buffer by its own bytes only', () => {
    const buffer = Uint8Array.from({ length: 200 }, (_, i) => i);
    const view = buffer.subarray(30, 130);
    expect(hex(sha256(view))).toBe(nodeHex(Uint8Array.from(view)));
  });

  it('matches node:crypto on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(hex(sha256(bytes))).toBe(nodeHex(bytes));
      }),
    );
  });
});
