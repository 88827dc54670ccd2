// The codecs of attributes that hold one value: strings, numbers, booleans, dates, literals,
// sets and bytes. Each returns an encoder and a decoder; see codec.ts for how they are joined.
import type { AnyAttribute } from './attribute.js';
import { type Codec, fail } from './codec-kit.js';
import { parseIsoDateTime } from './iso-date.js';
import { toNative } from './native.js';

/** DynamoDB numbers hold at most 38 significant digits. */
export const MAX_N_DIGITS = 38;

export function stringCodec(): Codec {
  return [
    (v) => (typeof v === 'string' ? { S: v } : fail('a string', v)),
    (av, lenient) => {
      const s = av.S;
      if (s !== undefined) return s;
      return lenient ? toNative(av) : fail('S (a string)', av);
    },
  ];
}

export function integerCodec(): Codec {
  return [
    (v) =>
      typeof v === 'number' && Number.isSafeInteger(v)
        ? { N: String(v) }
        : fail('a safe integer', v),
    (av, lenient) => {
      const s = av.N;
      if (s !== undefined) {
        const n = Number(s);
        if (Number.isSafeInteger(n) || lenient) return n;
        return fail('N holding a safe integer', s);
      }
      return lenient ? toNative(av) : fail('N (a number)', av);
    },
  ];
}

export function numberCodec(): Codec {
  return [
    (v) =>
      typeof v === 'number' && Number.isFinite(v) ? { N: String(v) } : fail('a finite number', v),
    (av, lenient) => {
      const s = av.N;
      if (s !== undefined) return Number(s);
      return lenient ? toNative(av) : fail('N (a number)', av);
    },
  ];
}

const INTEGER_TEXT = /^-?\d+$/;

export function bigintCodec(): Codec {
  return [
    (v) => {
      if (typeof v !== 'bigint') return fail('a bigint', v);
      const text = v.toString();
      const digits = text.startsWith('-') ? text.length - 1 : text.length;
      return digits <= MAX_N_DIGITS
        ? { N: text }
        : fail(`a bigint of at most ${MAX_N_DIGITS} digits`, v);
    },
    (av, lenient) => {
      const s = av.N;
      if (s !== undefined && INTEGER_TEXT.test(s)) return BigInt(s);
      if (lenient) return s !== undefined ? Number(s) : toNative(av);
      return fail('N holding an integer', s ?? av);
    },
  ];
}

export function booleanCodec(): Codec {
  return [
    (v) => (typeof v === 'boolean' ? { BOOL: v } : fail('a boolean', v)),
    (av, lenient) => {
      const b = av.BOOL;
      if (b !== undefined) return b;
      return lenient ? toNative(av) : fail('BOOL', av);
    },
  ];
}

export function dateCodec(attribute: AnyAttribute): Codec {
  const storage = attribute.dateStorage ?? 'iso';
  const check = (v: unknown): number => {
    if (!(v instanceof Date)) return fail('a Date', v);
    const time = v.getTime();
    return Number.isNaN(time) ? fail('a valid Date', v) : time;
  };
  if (storage === 'iso') {
    return [
      (v) => {
        check(v);
        return { S: (v as Date).toISOString() };
      },
      (av, lenient) => {
        const s = av.S;
        if (s !== undefined) {
          const date = parseIsoDateTime(s);
          if (date) return date;
          return lenient ? s : fail('S holding an RFC 3339 date-time', s);
        }
        return lenient ? toNative(av) : fail('S (an ISO-8601 date)', av);
      },
    ];
  }
  const scale = storage === 'epochSeconds' ? 1000 : 1;
  return [
    (v) => ({ N: String(Math.floor(check(v) / scale)) }),
    (av, lenient) => {
      const s = av.N;
      if (s !== undefined) {
        const date = new Date(Number(s) * scale);
        if (!Number.isNaN(date.getTime())) return date;
        return lenient
          ? Number(s)
          : fail(`N holding epoch ${storage === 'epochSeconds' ? 'seconds' : 'milliseconds'}`, s);
      }
      return lenient
        ? toNative(av)
        : fail(`N (epoch ${storage === 'epochSeconds' ? 'seconds' : 'milliseconds'})`, av);
    },
  ];
}

export function literalCodec(attribute: AnyAttribute): Codec {
  const values = attribute.literals ?? [];
  const allowed = new Set<unknown>(values);
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (attribute.dynamoType === 'S') {
    return [
      (v) => (allowed.has(v) ? { S: v as string } : fail(expected, v)),
      (av, lenient) => {
        const s = av.S;
        if (s !== undefined && (allowed.has(s) || lenient)) return s;
        return lenient ? toNative(av) : fail(expected, s ?? av);
      },
    ];
  }
  return [
    (v) => (allowed.has(v) ? { N: String(v) } : fail(expected, v)),
    (av, lenient) => {
      const s = av.N;
      if (s !== undefined) {
        const n = Number(s);
        if (allowed.has(n) || lenient) return n;
        return fail(expected, n);
      }
      return lenient ? toNative(av) : fail(expected, av);
    },
  ];
}

export function stringSetCodec(): Codec {
  return [
    (v) => {
      if (!(v instanceof Set)) return fail('a Set of strings', v);
      if (v.size === 0) return undefined;
      const out: string[] = [];
      for (const element of v) {
        if (typeof element !== 'string') return fail('a Set of strings', element);
        out.push(element);
      }
      return { SS: out };
    },
    (av, lenient) => {
      const ss = av.SS;
      if (ss !== undefined) return new Set(ss);
      return lenient ? toNative(av) : fail('SS (a string set)', av);
    },
  ];
}

export function numberSetCodec(): Codec {
  return [
    (v) => {
      if (!(v instanceof Set)) return fail('a Set of numbers', v);
      if (v.size === 0) return undefined;
      const out: string[] = [];
      for (const element of v) {
        if (typeof element !== 'number' || !Number.isFinite(element)) {
          return fail('a Set of finite numbers', element);
        }
        out.push(String(element));
      }
      return { NS: out };
    },
    (av, lenient) => {
      const ns = av.NS;
      if (ns !== undefined) {
        const out = new Set<number>();
        for (const s of ns) out.add(Number(s));
        return out;
      }
      return lenient ? toNative(av) : fail('NS (a number set)', av);
    },
  ];
}

export function binaryCodec(): Codec {
  return [
    (v) => (v instanceof Uint8Array ? { B: v } : fail('a Uint8Array', v)),
    (av, lenient) => {
      const b = av.B;
      if (b instanceof Uint8Array) return b;
      return lenient ? toNative(av) : fail('B (binary)', av);
    },
  ];
}
