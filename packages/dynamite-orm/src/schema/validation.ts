import type { Validation } from './attribute.js';
import type { Codec } from './codec-kit.js';
import { SchemaIssue } from './issue.js';

const DEFAULT_ALLOWED = 'a value its validate() check accepts';

/**
 * Adds an attribute's `.validate()` checks to its codec: after encoding (the value has the
 * declared type by then) and after strict decoding. Lenient reads skip them, as they skip every
 * other check. Without checks the codec is returned as it is, so they cost nothing unless used.
 */
export function withValidations(codec: Codec, validations: readonly Validation[]): Codec {
  if (validations.length === 0) return codec;
  const [encode, decode] = codec;
  const count = validations.length;
  const run = (value: unknown) => {
    for (let i = 0; i < count; i++) {
      const { check, allowed } = validations[i]!;
      let result: unknown;
      try {
        result = (check as (value: unknown) => unknown)(value);
      } catch (error) {
        throw new SchemaIssue(allowed ?? DEFAULT_ALLOWED, value, error);
      }
      if (result === true) continue;
      throw new SchemaIssue(
        typeof result === 'string' && result !== '' ? result : (allowed ?? DEFAULT_ALLOWED),
        value,
      );
    }
  };
  return [
    (value) => {
      const av = encode(value);
      run(value);
      return av;
    },
    (av, lenient) => {
      const value = decode(av, lenient);
      if (!lenient) run(value);
      return value;
    },
  ];
}
