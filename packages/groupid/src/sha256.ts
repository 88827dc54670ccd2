// SHA-256 from @noble/hashes: audited, synchronous and browser-safe. The browser's
// SubtleCrypto is async only and `node:crypto` is not browser-safe, so neither fits here.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/** SHA-256 digest (32 bytes) of `message`, synchronous. */
export const sha256: (message: Uint8Array) => Uint8Array = nobleSha256;
