/** The one-letter code of a symmetry type, as it appears in group IDs. */
export type SymmetryCode = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h';

/** The name of a symmetry type. */
export type SymmetryName =
  | 'palindrome'
  | 'flip180'
  | 'doubleflip180'
  | 'mirrortext'
  | 'mirrornames'
  | 'doublepalindrome'
  | 'singlemirrornames'
  | 'doublemirrortext';

/** One kind of symmetry a group of hostnames can have. */
export interface SymmetryType {
  name: SymmetryName;
  code: SymmetryCode;
  /** How many hostnames a group of this type has. */
  hostnames: 1 | 2;
  /** A short human name. */
  label: string;
  /** One sentence saying what the hostnames must satisfy. */
  description: string;
  /** Hostnames that form a valid group of this type. */
  example: readonly string[];
}

/**
 * Every symmetry type, in code order `a` to `h`: the one list the API, the CLI and the site
 * read. Codes `a` to `e` are fixed by the existing club data.
 */
export const SYMMETRY_TYPES: readonly SymmetryType[] = Object.freeze(
  (
    [
      {
        name: 'palindrome',
        code: 'a',
        hostnames: 1,
        label: 'Palindrome',
        description: 'One hostname that reads the same backwards, character by character.',
        example: ['zb.snus.suns.bz'],
      },
      {
        name: 'flip180',
        code: 'b',
        hostnames: 1,
        label: 'Flip 180°',
        description: 'One hostname that reads the same when turned upside down (rotated 180°).',
        example: ['zq.suns.bz'],
      },
      {
        name: 'doubleflip180',
        code: 'c',
        hostnames: 2,
        label: 'Double flip 180°',
        description: 'Two hostnames, each the other turned upside down (rotated 180°).',
        example: ['zq.su', 'ns.bz'],
      },
      {
        name: 'mirrortext',
        code: 'd',
        hostnames: 1,
        label: 'Mirror text',
        description: 'One hostname that reads the same in a mirror.',
        example: ['duq.xodbox.pub'],
      },
      {
        name: 'mirrornames',
        code: 'e',
        hostnames: 2,
        label: 'Mirror names',
        description: 'Two hostnames with the same labels in reverse order.',
        example: ['me.example.com', 'com.example.me'],
      },
      {
        name: 'doublepalindrome',
        code: 'f',
        hostnames: 2,
        label: 'Double palindrome',
        description: 'Two hostnames, each the other written backwards, character by character.',
        example: ['su.suns.bz', 'zb.snus.us'],
      },
      {
        name: 'singlemirrornames',
        code: 'g',
        hostnames: 1,
        label: 'Single mirror names',
        description: 'One hostname whose labels read the same in reverse order.',
        example: ['com.example.www.example.com'],
      },
      {
        name: 'doublemirrortext',
        code: 'h',
        hostnames: 2,
        label: 'Double mirror text',
        description: 'Two hostnames, each what the other looks like in a mirror.',
        example: ['ood.pub', 'duq.boo'],
      },
    ] satisfies SymmetryType[]
  ).map((type) => Object.freeze({ ...type, example: Object.freeze([...type.example]) })),
);

const BY_KEY = new Map<string, SymmetryType>();
for (const type of SYMMETRY_TYPES) {
  BY_KEY.set(type.name, type);
  BY_KEY.set(type.code, type);
}

/**
 * Finds a symmetry type by name or code, ignoring case and surrounding whitespace.
 *
 * @example
 * resolveSymmetryType('E')?.name;         // 'mirrornames'
 * resolveSymmetryType(' Flip180 ')?.code; // 'b'
 * resolveSymmetryType('x');               // undefined
 */
export function resolveSymmetryType(nameOrCode: string): SymmetryType | undefined {
  if (typeof nameOrCode !== 'string') return undefined;
  return BY_KEY.get(nameOrCode.trim().toLowerCase());
}
